/** Largest request body any route accepts (contract: 413 above it). */
export const MAX_BODY_BYTES = 256 * 1024;
