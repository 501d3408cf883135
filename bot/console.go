package bot

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"
)

// Console runs the bot's slash commands typed in Discord's own syntax
// ("/quotes person:Borrell limit:3") against the same store and prints the
// replies as text with the same content as the embeds. It is for trying
// briefbot without a Discord account, and for scripts.
type Console struct {
	h    *handlers
	defs map[string]*discordgo.ApplicationCommandOption // command path → its options (as a pseudo-option)
	last *discordgo.InteractionResponseData
}

// consoleGuild is the server ID the console's settings are kept under.
const consoleGuild = "console"

// NewConsole builds a console over cfg.Store (cfg.Ingest, cfg.Now and
// cfg.Logger as for New; the token is not used).
func NewConsole(cfg Config) (*Console, error) {
	if cfg.Store == nil {
		return nil, errors.New("console: no store")
	}
	log := cfg.Logger
	if log == nil {
		log = slog.Default()
	}
	return &Console{h: newHandlers(cfg, log), defs: consoleCommands()}, nil
}

// consoleCommands flattens the slash command definitions into command
// paths and their options. /ingest gains a path option: the console may
// read local files.
func consoleCommands() map[string]*discordgo.ApplicationCommandOption {
	out := map[string]*discordgo.ApplicationCommandOption{}
	var walk func(path string, desc string, opts []*discordgo.ApplicationCommandOption)
	walk = func(path, desc string, opts []*discordgo.ApplicationCommandOption) {
		leaf := true
		for _, o := range opts {
			if o.Type == discordgo.ApplicationCommandOptionSubCommand || o.Type == discordgo.ApplicationCommandOptionSubCommandGroup {
				leaf = false
				walk(path+" "+o.Name, o.Description, o.Options)
			}
		}
		if leaf {
			out[path] = &discordgo.ApplicationCommandOption{Name: path, Description: desc, Options: opts}
		}
	}
	for _, c := range Commands() {
		walk(c.Name, c.Description, c.Options)
	}
	ingest := out["ingest"]
	opts := []*discordgo.ApplicationCommandOption{}
	for _, o := range ingest.Options {
		cp := *o
		cp.Required = false // url or path
		opts = append(opts, &cp)
	}
	ingest.Options = append(opts, &discordgo.ApplicationCommandOption{Type: discordgo.ApplicationCommandOptionString, Name: "path",
		Description: "An article file to read (text, Markdown or HTML); console only"})
	return out
}

// Run reads commands from in, one per line, and writes each reply to out.
// Interactive mode prints a greeting and a prompt and keeps going after
// errors; otherwise (a script, a pipe) it runs every line and returns an
// error if any failed. Blank lines and lines starting with # are skipped.
func (c *Console) Run(ctx context.Context, in io.Reader, out io.Writer, interactive bool) error {
	if interactive {
		fmt.Fprintln(out, "briefbot console: type slash commands as in Discord, for example /quotes person:Borrell. /help lists them; exit or Ctrl-D leaves.")
	}
	lines, readErr := readLines(ctx, in)
	failed, total := 0, 0
	prompt := func() {
		if interactive {
			fmt.Fprint(out, "briefbot> ")
		}
	}
	prompt()
loop:
	for {
		var line string
		select {
		case <-ctx.Done():
			fmt.Fprintln(out)
			return ctx.Err()
		case l, ok := <-lines:
			if !ok {
				break loop
			}
			line = strings.TrimSpace(l)
		}
		if line == "" || strings.HasPrefix(line, "#") {
			prompt()
			continue
		}
		if line == "exit" || line == "quit" || line == "/exit" || line == "/quit" {
			break
		}
		total++
		if !interactive {
			fmt.Fprintf(out, "briefbot> %s\n", line)
		}
		text, err := c.Exec(ctx, line)
		if err != nil {
			failed++
			fmt.Fprintf(out, "error: %s\n\n", err)
		} else {
			fmt.Fprintln(out, text)
		}
		prompt()
	}
	if interactive {
		fmt.Fprintln(out)
	}
	if err := <-readErr; err != nil {
		return fmt.Errorf("console: read input: %w", err)
	}
	if failed > 0 && !interactive {
		return fmt.Errorf("console: %d of %d commands failed", failed, total)
	}
	return nil
}

// readLines reads lines from in on its own goroutine, so that a cancelled
// ctx (Ctrl-C) ends the console without waiting for a line. The goroutine
// ends at the end of input; one blocked in a read when ctx ends stays
// until the process exits, which is when ctx ends in practice.
func readLines(ctx context.Context, in io.Reader) (<-chan string, <-chan error) {
	lines := make(chan string)
	errc := make(chan error, 1)
	go func() {
		defer close(lines)
		sc := bufio.NewScanner(in)
		sc.Buffer(make([]byte, 64<<10), 1<<20)
		for sc.Scan() {
			select {
			case lines <- sc.Text():
			case <-ctx.Done():
				errc <- nil
				return
			}
		}
		errc <- sc.Err()
	}()
	return lines, errc
}

// Exec runs one typed line and returns the reply as text. The error is
// what the user did wrong or what went wrong, in plain words.
func (c *Console) Exec(ctx context.Context, line string) (string, error) {
	line = strings.TrimSpace(line)
	switch strings.TrimPrefix(line, "/") {
	case "help", "?":
		return c.help(), nil
	case "next", "prev", "more", "back":
		return c.press(ctx, strings.TrimPrefix(line, "/"))
	}
	r, cmd, err := c.parse(line)
	if err != nil {
		return "", err
	}
	timeout := cmd.timeout
	if timeout == 0 {
		timeout = commandTimeout
	}
	cctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	data, err := cmd.run(cctx, r)
	if err != nil {
		return "", errors.New(c.h.toData(err, r, "console").Content)
	}
	c.last = data
	return consoleText(data, c.zone(ctx)), nil
}

// zone is where the console shows times: the time zone of its digest
// settings (/briefing setup), or UTC before there are any. Each time it
// shows names the zone.
func (c *Console) zone(ctx context.Context) *time.Location {
	g, err := c.h.store.Guild(ctx, consoleGuild)
	if err != nil || g.TimeZone == "" {
		return time.UTC
	}
	loc, err := time.LoadLocation(g.TimeZone)
	if err != nil {
		return time.UTC
	}
	return loc
}

// press runs the Newer/Older button of the last reply.
func (c *Console) press(ctx context.Context, which string) (string, error) {
	forward := which == "next" || which == "more"
	if c.last == nil {
		return "", errors.New("no earlier reply with pages: run a command such as /quotes person:Borrell first")
	}
	for _, row := range c.last.Components {
		ar, ok := row.(discordgo.ActionsRow)
		if !ok {
			continue
		}
		for i, comp := range ar.Components {
			b, ok := comp.(discordgo.Button)
			if !ok || (i == 1) != forward {
				continue
			}
			if b.Disabled {
				return "", errors.New("no more pages that way")
			}
			name, args := parseCustomID(b.CustomID)
			fn, ok := c.h.components[name]
			if !ok {
				return "", errors.New("that page is no longer available; run the command again")
			}
			r := c.request()
			r.CustomID = b.CustomID
			data, err := fn(ctx, r, args)
			if err != nil {
				return "", errors.New(c.h.toData(err, r, "console").Content)
			}
			c.last = data
			return consoleText(data, c.zone(ctx)), nil
		}
	}
	return "", errors.New("the last reply has only one page")
}

func (c *Console) request() *request {
	return &request{GuildID: consoleGuild, ChannelID: consoleGuild, UserID: "console", Member: true,
		Permissions: permAdministrator, Console: true, Options: map[string]*discordgo.ApplicationCommandInteractionDataOption{}}
}

// parse reads "/name [sub...] opt:value opt:value". A value runs up to the
// next "name:" of one of the command's options, so it may hold spaces and
// colons ("time:08:30", "query:EU Russia talks"); quotes around a value
// are removed.
func (c *Console) parse(line string) (*request, *command, error) {
	if !strings.HasPrefix(line, "/") {
		return nil, nil, fmt.Errorf("commands start with a slash, as in Discord: /%s. Type /help for the list", line)
	}
	words := strings.Fields(line[1:])
	path := ""
	rest := ""
	for i, w := range words {
		try := strings.TrimSpace(path + " " + w)
		if _, ok := c.defs[try]; ok || c.hasPrefix(try) {
			path = try
			continue
		}
		rest = strings.Join(words[i:], " ")
		break
	}
	def, ok := c.defs[path]
	if !ok {
		if path != "" && c.hasPrefix(path) {
			return nil, nil, fmt.Errorf("/%s needs a subcommand: %s", path, strings.Join(c.subcommands(path), ", "))
		}
		return nil, nil, fmt.Errorf("unknown command %q: type /help for the list", "/"+strings.Fields(line[1:] + " x")[0])
	}
	cmd := c.h.commands[path]
	r := c.request()
	r.Command = path
	names := make([]string, 0, len(def.Options))
	byName := map[string]*discordgo.ApplicationCommandOption{}
	for _, o := range def.Options {
		names = append(names, regexp.QuoteMeta(o.Name))
		byName[o.Name] = o
	}
	if rest != "" {
		if len(names) == 0 {
			return nil, nil, fmt.Errorf("/%s takes no options", path)
		}
		re := regexp.MustCompile(`(?:^|\s)(` + strings.Join(names, "|") + `):`)
		locs := re.FindAllStringSubmatchIndex(rest, -1)
		if len(locs) == 0 || strings.TrimSpace(rest[:locs[0][0]]) != "" {
			return nil, nil, fmt.Errorf("write options as name:value, for example /%s %s:… (options: %s)", path, def.Options[0].Name, optionNames(def))
		}
		for i, loc := range locs {
			name := rest[loc[2]:loc[3]]
			end := len(rest)
			if i+1 < len(locs) {
				end = locs[i+1][0]
			}
			value := unquote(strings.TrimSpace(rest[loc[1]:end]))
			if _, dup := r.Options[name]; dup {
				return nil, nil, fmt.Errorf("option %s given twice", name)
			}
			opt, err := optionValue(byName[name], value)
			if err != nil {
				return nil, nil, err
			}
			r.Options[name] = opt
		}
	}
	for _, o := range def.Options {
		if _, ok := r.Options[o.Name]; o.Required && !ok {
			return nil, nil, fmt.Errorf("/%s needs %s: (%s)", path, o.Name, o.Description)
		}
	}
	if path == "ingest" && r.str("url") == "" && r.str("path") == "" {
		return nil, nil, errors.New("/ingest needs url:ADDRESS or path:FILE")
	}
	return r, cmd, nil
}

func (c *Console) hasPrefix(path string) bool {
	for p := range c.defs {
		if strings.HasPrefix(p, path+" ") {
			return true
		}
	}
	return false
}

func (c *Console) subcommands(path string) []string {
	var out []string
	for p := range c.defs {
		if strings.HasPrefix(p, path+" ") {
			out = append(out, strings.TrimPrefix(p, path+" "))
		}
	}
	sort.Strings(out)
	return out
}

func optionNames(def *discordgo.ApplicationCommandOption) string {
	var n []string
	for _, o := range def.Options {
		n = append(n, o.Name)
	}
	return strings.Join(n, ", ")
}

func unquote(s string) string {
	if len(s) >= 2 && (s[0] == '"' && s[len(s)-1] == '"' || s[0] == '\'' && s[len(s)-1] == '\'') {
		return s[1 : len(s)-1]
	}
	return s
}

// optionValue converts a typed value the way Discord's client would
// before sending it: integers checked against their bounds, channel names
// without their #.
func optionValue(def *discordgo.ApplicationCommandOption, value string) (*discordgo.ApplicationCommandInteractionDataOption, error) {
	opt := &discordgo.ApplicationCommandInteractionDataOption{Name: def.Name, Type: def.Type}
	switch def.Type {
	case discordgo.ApplicationCommandOptionInteger:
		n, err := strconv.ParseInt(value, 10, 64)
		if err != nil {
			return nil, fmt.Errorf("%s: %q is not a whole number", def.Name, value)
		}
		if def.MinValue != nil && float64(n) < *def.MinValue || def.MaxValue != 0 && float64(n) > def.MaxValue {
			return nil, fmt.Errorf("%s must be between %v and %v", def.Name, *def.MinValue, def.MaxValue)
		}
		opt.Value = float64(n) // as JSON numbers decode
	case discordgo.ApplicationCommandOptionChannel:
		opt.Value = strings.TrimPrefix(value, "#")
	case discordgo.ApplicationCommandOptionBoolean:
		switch strings.ToLower(value) {
		case "true", "yes", "on", "1":
			opt.Value = true
		case "false", "no", "off", "0":
			opt.Value = false
		default:
			return nil, fmt.Errorf("%s: %q is not true or false", def.Name, value)
		}
	default:
		if value == "" {
			return nil, fmt.Errorf("%s: give a value after the colon", def.Name)
		}
		if def.MaxLength > 0 && length(value) > def.MaxLength {
			return nil, fmt.Errorf("%s: at most %d characters", def.Name, def.MaxLength)
		}
		opt.Value = value
	}
	return opt, nil
}

func (c *Console) help() string {
	paths := make([]string, 0, len(c.defs))
	for p := range c.defs {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	var b strings.Builder
	b.WriteString("Commands (options in [brackets] are optional):\n")
	for _, p := range paths {
		def := c.defs[p]
		b.WriteString("  /" + p)
		for _, o := range def.Options {
			if o.Required {
				fmt.Fprintf(&b, " %s:…", o.Name)
			} else {
				fmt.Fprintf(&b, " [%s:…]", o.Name)
			}
		}
		b.WriteString("\n      " + def.Description + "\n")
	}
	b.WriteString("  next, prev\n      Show the next or previous page of the last list\n")
	b.WriteString("  exit\n      Leave the console\n")
	return b.String()
}

// consoleText renders a reply as plain text with the content of its
// embeds: title and link, description, fields, footer, and a hint when
// there are more pages. Times are shown in loc (see plainText).
func consoleText(data *discordgo.InteractionResponseData, loc *time.Location) string {
	plainText := func(s string) string { return plainText(s, loc) }
	var b strings.Builder
	if data.Content != "" {
		b.WriteString(plainText(data.Content) + "\n")
	}
	for _, e := range data.Embeds {
		if b.Len() > 0 {
			b.WriteString("\n")
		}
		if e.Author != nil && e.Author.Name != "" {
			b.WriteString(plainText(e.Author.Name) + "\n")
		}
		if e.Title != "" {
			title := plainText(e.Title)
			b.WriteString(title + "\n" + strings.Repeat("=", min(length(title), 72)) + "\n")
		}
		if e.URL != "" {
			b.WriteString(e.URL + "\n")
		}
		if e.Description != "" {
			b.WriteString(plainText(e.Description) + "\n")
		}
		var inline []string
		flush := func() {
			if len(inline) > 0 {
				b.WriteString(strings.Join(inline, "   ") + "\n")
				inline = nil
			}
		}
		for _, f := range e.Fields {
			if f.Inline {
				inline = append(inline, plainText(f.Name)+": "+plainText(f.Value))
				continue
			}
			flush()
			b.WriteString(plainText(f.Name) + ":\n" + indent(plainText(f.Value)) + "\n")
		}
		flush()
		if e.Footer != nil && e.Footer.Text != "" {
			b.WriteString("-- " + plainText(e.Footer.Text) + "\n")
		}
	}
	var more []string
	for _, row := range data.Components {
		if ar, ok := row.(discordgo.ActionsRow); ok {
			for i, comp := range ar.Components {
				if btn, ok := comp.(discordgo.Button); ok && !btn.Disabled {
					more = append(more, map[int]string{0: "prev", 1: "next"}[i])
				}
			}
		}
	}
	if len(more) > 0 {
		fmt.Fprintf(&b, "(more pages: type %s)\n", strings.Join(more, " or "))
	}
	return b.String()
}

func indent(s string) string {
	return "  " + strings.ReplaceAll(s, "\n", "\n  ")
}

var (
	mdTimestamp = regexp.MustCompile(`<t:(-?[0-9]+):([tTdDfFR])>`)
	mdChannel   = regexp.MustCompile(`<#([0-9A-Za-z_-]+)>`)
	mdBold      = regexp.MustCompile(`\*\*([^*]+)\*\*`)
	// mdAutolink is a URL in angle brackets (linkText), not escaped.
	mdAutolink = regexp.MustCompile(`(^|[^\\])<(https?://[^\s<>]+)>`)
)

// plainText turns the Markdown the renderers write into readable text:
// links become "text (address)", Discord timestamps become dates, bold
// marks and escapes go, block quotes are indented.
//
// A timestamp with a time of day is shown in loc and names it ("08:00
// Europe/Berlin"), as Discord shows it in the reader's own zone; a
// relative one is shown as the instant. A date-only timestamp is a
// calendar day (dayTimestamp: noon UTC) and is shown as that day.
func plainText(s string, loc *time.Location) string {
	s = mdAutolink.ReplaceAllString(s, "$1$2")
	s = plainLinks(s)
	s = mdTimestamp.ReplaceAllStringFunc(s, func(m string) string {
		sub := mdTimestamp.FindStringSubmatch(m)
		sec, _ := strconv.ParseInt(sub[1], 10, 64)
		t := time.Unix(sec, 0)
		switch sub[2] {
		case "d", "D":
			return t.UTC().Format("2 January 2006")
		case "t", "T":
			return t.In(loc).Format("15:04 ") + loc.String()
		default:
			return t.In(loc).Format("Monday 2 January 2006 15:04 ") + loc.String()
		}
	})
	s = mdChannel.ReplaceAllString(s, "#$1")
	s = mdBold.ReplaceAllString(s, "$1")
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		if rest, ok := strings.CutPrefix(l, "> "); ok {
			lines[i] = "  " + rest
		}
	}
	s = strings.Join(lines, "\n")
	s = strings.ReplaceAll(s, zeroWidthSpace, "")
	return unescape(s)
}

// plainLinks turns Markdown links "[text](url)" into "text (url)". A
// bracket escaped with a backslash starts no link.
func plainLinks(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '\\' && i+1 < len(s) {
			b.WriteByte(c)
			b.WriteByte(s[i+1])
			i++
			continue
		}
		if c == '[' {
			if end, url, ok := linkAt(s, i); ok {
				b.WriteString(s[i+1:end] + " (" + url + ")")
				i += end - i + len(url) + 2 // past "](url)"
				continue
			}
		}
		b.WriteByte(c)
	}
	return b.String()
}

// linkAt reads a link whose "[" is at s[i]: it returns the index of the
// closing "]" and the URL in the parentheses right after it.
func linkAt(s string, i int) (int, string, bool) {
	for j := i + 1; j < len(s); j++ {
		switch s[j] {
		case '\\':
			j++
		case '[':
			return 0, "", false
		case ']':
			rest := s[j+1:]
			if !strings.HasPrefix(rest, "(http") {
				return 0, "", false
			}
			close := strings.IndexAny(rest, ") \n")
			if close < 0 || rest[close] != ')' {
				return 0, "", false
			}
			return j, rest[1:close], true
		}
	}
	return 0, "", false
}

// unescape removes the backslashes escape added.
func unescape(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) && strings.IndexByte(`\*_~`+"`"+`|[]<#->+.`, s[i+1]) >= 0 {
			i++
		}
		b.WriteByte(s[i])
	}
	return b.String()
}
