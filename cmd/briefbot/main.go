// Command briefbot reads news articles into briefings, stores them, answers
// questions about them at the command line, in a console or on Discord, and
// posts a daily digest to each server's channel.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"sort"
	"strings"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], env{getenv: os.Getenv, stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr})
	stop()
	if err != nil {
		if !errors.Is(err, flag.ErrHelp) {
			fmt.Fprintln(os.Stderr, "briefbot:", err)
		}
		os.Exit(exitCode(err))
	}
}

// env is what a subcommand may touch of the process: its environment and its
// standard streams. Tests pass their own.
type env struct {
	getenv func(string) string
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
}

// command is one subcommand: it parses its own flags from args.
type command struct {
	summary string
	run     func(ctx context.Context, args []string, e env) error
}

func commands() map[string]command {
	return map[string]command{
		"analyze":  {"analyse articles and print their briefings", runAnalyze},
		"eval":     {"score analysis against a gold corpus folder", runEval},
		"ingest":   {"analyse files, standard input or URLs and store their briefings", runIngest},
		"summary":  {"print the briefing of the newest article, or the newest matching a query", runSummary},
		"quotes":   {"print a person's stored quotes, newest first", runQuotes},
		"people":   {"list known people and their quote counts", runPeople},
		"upcoming": {"list upcoming events in a window of days", runUpcoming},
		"digest":   {"print the daily digest that would be posted for a date or a server", runDigest},
		"feeds":    {"add, remove, list or poll RSS/Atom feeds", runFeeds},
		"backup":   {"write a verified hot copy of the database", runBackup},
		"check":    {"check a database file's integrity", runCheck},
		"run":      {"run the Discord bot (the console when no DISCORD_TOKEN is set)", runBot},
		"console":  {"type slash commands at a prompt, on the same database", runConsole},
	}
}

// usageError marks errors caused by how the command was called; they exit 2.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func exitCode(err error) int {
	var ue usageError
	if errors.As(err, &ue) || errors.Is(err, flag.ErrHelp) {
		return 2
	}
	return 1
}

func run(ctx context.Context, args []string, e env) error {
	cmds := commands()
	if len(args) == 0 || strings.HasPrefix(args[0], "-") {
		if c, ok := cmds["run"]; ok {
			return c.run(ctx, args, e)
		}
		return usageError{"no command given\n" + usage(cmds)}
	}
	if args[0] == "help" || args[0] == "--help" || args[0] == "-h" {
		fmt.Fprint(e.stdout, usage(cmds))
		return nil
	}
	c, ok := cmds[args[0]]
	if !ok {
		return usageError{fmt.Sprintf("unknown command %q\n%s", args[0], usage(cmds))}
	}
	return c.run(ctx, args[1:], e)
}

func usage(cmds map[string]command) string {
	names := make([]string, 0, len(cmds))
	for n := range cmds {
		names = append(names, n)
	}
	sort.Strings(names)
	var b strings.Builder
	b.WriteString("usage: briefbot COMMAND [flags] [args]\n\ncommands:\n")
	for _, n := range names {
		fmt.Fprintf(&b, "  %-10s %s\n", n, cmds[n].summary)
	}
	b.WriteString("\nRun 'briefbot COMMAND -h' for a command's flags.\n")
	return b.String()
}

// newFlagSet returns a flag set that reports errors instead of exiting and
// prints its usage to the command's stderr.
func newFlagSet(name, argsUsage string, e env) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.Usage = func() {
		fmt.Fprintf(e.stderr, "usage: briefbot %s [flags] %s\n", name, argsUsage)
		fs.PrintDefaults()
	}
	return fs
}

var errHelp = flag.ErrHelp
