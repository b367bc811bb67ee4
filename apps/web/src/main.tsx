import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { takeTokenFromAddressBar } from './release-link-token';
import { SigningPage } from './SigningPage';
import './styles.css';

const token = takeTokenFromAddressBar();
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <SigningPage token={token} />
  </StrictMode>,
);
