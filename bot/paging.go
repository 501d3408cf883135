package bot

import (
	"strconv"
	"strings"

	"github.com/bwmarrin/discordgo"
)

// Component custom IDs name the command and carry everything needed to
// draw the page, so a button works after a restart and on an old message:
// "q:OFFSET:PERPAGE:PERSON", "u:FROM:DAYS:OFFSET" and "f:OFFSET" (the
// feeds list).
const (
	quotesPage   = "q"
	upcomingPage = "u"
	feedsPage    = "f"
)

// customID joins a component name and its arguments. The last argument may
// contain the separator.
func customID(name string, args ...string) string {
	return name + ":" + strings.Join(args, ":")
}

// parseCustomID splits a custom ID into its name and arguments; the last
// argument keeps any separators it contains.
func parseCustomID(id string) (string, []string) {
	name, rest, ok := strings.Cut(id, ":")
	if !ok {
		return name, nil
	}
	return name, []string{rest}
}

// splitArgs splits component arguments into n parts, the last keeping any
// separators; ok is false when there are fewer.
func splitArgs(args []string, n int) ([]string, bool) {
	if len(args) != 1 {
		return nil, false
	}
	parts := strings.SplitN(args[0], ":", n)
	return parts, len(parts) == n
}

func atoi(s string, min, max int) (int, bool) {
	n, err := strconv.Atoi(s)
	if err != nil || n < min || n > max {
		return 0, false
	}
	return n, true
}

// pageButtons returns the Newer/Older buttons for a paged list, or none when
// everything fits on one page. prevID and nextID are the buttons' custom
// IDs; an empty one disables its button. IDs longer than Discord allows
// drop the buttons: the list then shows its first page only.
func pageButtons(prevID, nextID, prevLabel, nextLabel string) []discordgo.MessageComponent {
	if prevID == "" && nextID == "" {
		return nil
	}
	if len(prevID) > maxCustomID || len(nextID) > maxCustomID {
		return nil
	}
	prev := discordgo.Button{Label: prevLabel, Style: discordgo.SecondaryButton, CustomID: prevID}
	next := discordgo.Button{Label: nextLabel, Style: discordgo.SecondaryButton, CustomID: nextID}
	// A disabled button still needs a custom ID, unique in the message.
	if prevID == "" {
		prev.Disabled = true
		prev.CustomID = nextID + ":none-before"
	}
	if nextID == "" {
		next.Disabled = true
		next.CustomID = prevID + ":none-after"
	}
	if len(prev.CustomID) > maxCustomID || len(next.CustomID) > maxCustomID {
		return nil
	}
	return []discordgo.MessageComponent{discordgo.ActionsRow{Components: []discordgo.MessageComponent{prev, next}}}
}

// packPage chooses how many entries from the start of entries fit on one
// page: at most max entries and budget characters, joined by sep, and
// always at least one.
func packPage(entries []string, max, budget int, sep string) int {
	n, used := 0, 0
	for _, e := range entries {
		if n >= max {
			break
		}
		l := length(e)
		if n > 0 {
			l += length(sep)
		}
		if n > 0 && used+l > budget {
			break
		}
		used += l
		n++
	}
	return n
}

// packBackward is packPage from the end: how many entries at the end of
// entries fit on the page before them.
func packBackward(entries []string, max, budget int, sep string) int {
	rev := make([]string, len(entries))
	for i, e := range entries {
		rev[len(entries)-1-i] = e
	}
	return packPage(rev, max, budget, sep)
}
