// Command briefbot polls world-news feeds, extracts who said what, and posts
// digests to Slack, Discord or the console. It only wires the packages
// together: see the README for the data flow.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	_ "time/tzdata" // daily digests need zones even in images without tzdata
)

// version is set at build time with -ldflags "-X main.version=…".
var version = "dev"

type command struct {
	name    string
	summary string
	run     func(ctx context.Context, args []string, stdout, stderr io.Writer) error
}

func commands() []command {
	return []command{
		{"run", "run the daemon: scheduler, poller, delivery, HTTP server", runDaemon},
		{"poll", "poll --once: fetch every due feed once, then exit", runPoll},
		{"digest", "print a digest of stored articles", runDigest},
		{"feeds", "show feeds (status, errors, next check, who manages each); feeds add|remove|import|export", runFeeds},
		{"deliveries", "show the outbox (--failed: given up); 'deliveries retry ID|--all-failed' sends again", runDeliveries},
		{"ask", `answer a chat command in the terminal, e.g. ask "who Lavrov"`, runAsk},
		{"extract", "extract statements and actors from files (json/jsonl)", runExtract},
		{"eval", "score the extractor on brat directories and gold JSON files", runEval},
		{"healthcheck", "exit 0 when a running daemon answers /healthz", runHealthcheck},
		{"version", "print the version", func(_ context.Context, _ []string, stdout, _ io.Writer) error {
			fmt.Fprintln(stdout, "briefbot", version)
			return nil
		}},
	}
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := runMain(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// Exit codes: 0 success, 1 a fatal error (nothing or not everything ran),
// 2 bad usage, 3 the command ran to the end but some feeds failed
// (`poll --once`).
const (
	exitFatal       = 1
	exitUsage       = 2
	exitFeedsFailed = 3
)

// usageError marks errors caused by how briefbot was called (exit 2).
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func runMain(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		printUsage(stderr)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	for _, c := range commands() {
		if c.name != args[0] {
			continue
		}
		err := c.run(ctx, args[1:], stdout, stderr)
		switch {
		case err == nil:
			return 0
		case errors.Is(err, flag.ErrHelp):
			return 0
		case errors.As(err, new(usageError)):
			fmt.Fprintf(stderr, "briefbot %s: %v\n", c.name, err)
			return exitUsage
		case errors.As(err, new(feedsFailed)):
			fmt.Fprintf(stderr, "briefbot %s: %v\n", c.name, err)
			return exitFeedsFailed
		default:
			fmt.Fprintf(stderr, "briefbot %s: %v\n", c.name, err)
			return exitFatal
		}
	}
	fmt.Fprintf(stderr, "briefbot: unknown command %q\n\n", args[0])
	printUsage(stderr)
	return 2
}

func printUsage(w io.Writer) {
	fmt.Fprintln(w, "briefbot: who said what in the world news, in your chat channels.")
	fmt.Fprintln(w, "\nUsage: briefbot <command> [flags]\n\nCommands:")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-12s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "\nRun 'briefbot <command> -h' for a command's flags. With no --config, briefbot")
	fmt.Fprintln(w, "reads $BRIEFBOT_CONFIG, else ./briefbot.toml, else its embedded default.")
}

// newFlags returns a flag set that reports errors instead of exiting.
func newFlags(name string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet("briefbot "+name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	return fs
}

// parseFlags parses args and turns flag errors into usage errors.
func parseFlags(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return usageError{err.Error()}
	}
	return nil
}
