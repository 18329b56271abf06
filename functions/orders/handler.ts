// Entry point; wired in a later commit.
export const handler = async (): Promise<void> => {};
