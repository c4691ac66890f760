// This package has no public API yet: its functions land with the issues that need them.
// It exists now so the layering holds from the first commit: see docs/architecture.md for its place
// among the packages and where each concept lives.
export {};
