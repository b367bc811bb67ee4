// A failure of `npm start` that is already a sentence for the operator: printed as is, no stack.
export class StartError extends Error {}
