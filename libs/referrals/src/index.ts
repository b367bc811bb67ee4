// The public surface of #haven/referrals. Everything else in this folder is private.
export { ReferralsModule, ReferralsHttpModule } from './referrals.module.js';
