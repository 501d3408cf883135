package main

import "context"

func runEval(ctx context.Context, args []string, e env) error {
	return usageError{"eval: not built yet"}
}
