// This package has no public API yet: its functions land with the issues that need them.
// It exists now so the dependency graph of DESIGN.md holds from the first commit.
export {};
