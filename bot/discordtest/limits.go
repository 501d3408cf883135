package discordtest

import (
	"encoding/json"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The limits below are Discord's documented rules that the OpenAPI document
// does not carry (see shared/discord/limits.md for each source).
const (
	maxContent          = 2000 // message content, also for channel messages (the spec says 4000; the docs win)
	maxEmbedTotal       = 6000 // characters across all embeds of one message
	maxCommandTotal     = 8000 // a command's names, descriptions and choice values together
	maxChatCommands     = 100  // CHAT_INPUT commands per scope
	maxActionRows       = 5    // legacy (non components-v2) messages
	maxChoiceValueChars = 100  // autocomplete and option choice string values (docs)
	flagEphemeral       = 1 << 6
	flagSuppressEmbeds  = 1 << 2
	flagSuppressNotif   = 1 << 12
	flagComponentsV2    = 1 << 15
	flagVoiceMessage    = 1 << 13
)

// commandName is the docs' regex for command and option names; Go spells the
// scripts \p{Devanagari} and \p{Thai}.
var commandName = regexp.MustCompile(`^[-_'\p{L}\p{N}\p{Devanagari}\p{Thai}]{1,32}$`)

// CheckCommands checks a bulk-overwrite body (an array of commands) against
// the documented rules the spec leaves out: the name regex and lower case,
// 1–100 character descriptions, required options first, unique names, no
// autocomplete together with choices, subcommands not mixed with plain
// options, 8000 characters per command and 100 chat commands per scope.
func CheckCommands(v any) []string {
	var errs []string
	cmds, ok := v.([]any)
	if !ok {
		return []string{"$: commands body is not an array"}
	}
	chat := 0
	names := map[string]bool{}
	for i, c := range cmds {
		path := fmt.Sprintf("$[%d]", i)
		cmd, ok := c.(map[string]any)
		if !ok {
			errs = append(errs, path+": command is not an object")
			continue
		}
		typ := 1
		if n, ok := intOf(cmd["type"]); ok {
			typ = n
		}
		name, _ := cmd["name"].(string)
		key := strconv.Itoa(typ) + "/" + name
		if names[key] {
			errs = append(errs, fmt.Sprintf("%s: command name %q used twice", path, name))
		}
		names[key] = true
		if typ == 1 {
			chat++
			errs = append(errs, checkName(path+".name", name)...)
			errs = append(errs, checkDescription(path+".description", cmd["description"])...)
		}
		if p, ok := cmd["default_member_permissions"]; ok && p != nil {
			if s, ok := p.(string); !ok || !isDecimal(s) {
				errs = append(errs, fmt.Sprintf("%s.default_member_permissions: %s is not a decimal permission bitset string", path, show(p)))
			}
		}
		errs = append(errs, checkOptions(path+".options", cmd["options"], 0)...)
		total := utf8.RuneCountInString(name) + stringLen(cmd["description"]) + optionChars(cmd["options"])
		if total > maxCommandTotal {
			errs = append(errs, fmt.Sprintf("%s: %d characters in names, descriptions and values, more than %d", path, total, maxCommandTotal))
		}
	}
	if chat > maxChatCommands {
		errs = append(errs, fmt.Sprintf("$: %d chat commands, more than %d", chat, maxChatCommands))
	}
	return errs
}

func checkName(path, name string) []string {
	var errs []string
	if !commandName.MatchString(name) {
		errs = append(errs, fmt.Sprintf("%s: %q does not match %s", path, name, commandName))
	}
	for _, r := range name {
		if unicode.IsUpper(r) {
			errs = append(errs, fmt.Sprintf("%s: %q has upper-case letters; names must use the lower-case form", path, name))
			break
		}
	}
	return errs
}

func checkDescription(path string, d any) []string {
	s, _ := d.(string)
	n := utf8.RuneCountInString(s)
	if n < 1 || n > 100 {
		return []string{fmt.Sprintf("%s: %d characters, want 1 to 100", path, n)}
	}
	return nil
}

func checkOptions(path string, v any, depth int) []string {
	opts, _ := v.([]any)
	var errs []string
	names := map[string]bool{}
	seenOptional, subs, plain := false, 0, 0
	for i, o := range opts {
		p := fmt.Sprintf("%s[%d]", path, i)
		opt, ok := o.(map[string]any)
		if !ok {
			errs = append(errs, p+": option is not an object")
			continue
		}
		name, _ := opt["name"].(string)
		if names[name] {
			errs = append(errs, fmt.Sprintf("%s: option name %q used twice", p, name))
		}
		names[name] = true
		errs = append(errs, checkName(p+".name", name)...)
		errs = append(errs, checkDescription(p+".description", opt["description"])...)
		typ, _ := intOf(opt["type"])
		if typ == 1 || typ == 2 {
			subs++
			if (typ == 2 && depth > 0) || (typ == 1 && depth > 1) {
				errs = append(errs, fmt.Sprintf("%s: subcommand nested too deep", p))
			}
			errs = append(errs, checkOptions(p+".options", opt["options"], depth+1)...)
			continue
		}
		plain++
		required := opt["required"] == true
		if required && seenOptional {
			errs = append(errs, fmt.Sprintf("%s: required option %q after an optional one; required options must come first", p, name))
		}
		if !required {
			seenOptional = true
		}
		choices, _ := opt["choices"].([]any)
		if opt["autocomplete"] == true && len(choices) > 0 {
			errs = append(errs, fmt.Sprintf("%s: autocomplete and choices together", p))
		}
		for j, c := range choices {
			if cm, ok := c.(map[string]any); ok {
				if s, ok := cm["value"].(string); ok && utf8.RuneCountInString(s) > maxChoiceValueChars {
					errs = append(errs, fmt.Sprintf("%s.choices[%d].value: more than %d characters", p, j, maxChoiceValueChars))
				}
			}
		}
	}
	if subs > 0 && plain > 0 {
		errs = append(errs, fmt.Sprintf("%s: subcommands mixed with plain options", path))
	}
	return errs
}

func optionChars(v any) int {
	n := 0
	opts, _ := v.([]any)
	for _, o := range opts {
		opt, ok := o.(map[string]any)
		if !ok {
			continue
		}
		n += stringLen(opt["name"]) + stringLen(opt["description"]) + optionChars(opt["options"])
		choices, _ := opt["choices"].([]any)
		for _, c := range choices {
			if cm, ok := c.(map[string]any); ok {
				n += stringLen(cm["name"])
				if s, ok := cm["value"].(string); ok {
					n += utf8.RuneCountInString(s)
				} else if num, ok := cm["value"].(json.Number); ok {
					n += len(num.String())
				}
			}
		}
	}
	return n
}

// MessageRules says which documented message rules apply to a body.
type MessageRules struct {
	// NoMentions requires allowed_mentions with a present, empty parse list:
	// the project's rule that no message may ever ping anyone.
	NoMentions bool
	// AllowedFlags is the set of message flags the endpoint accepts.
	AllowedFlags int
}

// CheckMessage checks a message body (a channel message, an interaction
// reply's data or a webhook edit) against the rules the spec leaves out:
// content of at most 2000 characters, at most 6000 characters across all
// embeds, non-blank embed field names and values, at most 5 action rows with
// unique custom_ids, the endpoint's flags, and allowed_mentions.
func CheckMessage(path string, m map[string]any, rules MessageRules) []string {
	var errs []string
	if s, ok := m["content"].(string); ok {
		if n := utf8.RuneCountInString(s); n > maxContent {
			errs = append(errs, fmt.Sprintf("%s.content: %d characters, more than %d", path, n, maxContent))
		}
	}
	embeds, _ := m["embeds"].([]any)
	total := 0
	for i, e := range embeds {
		ep := fmt.Sprintf("%s.embeds[%d]", path, i)
		em, ok := e.(map[string]any)
		if !ok {
			continue
		}
		total += trimmedLen(em["title"]) + trimmedLen(em["description"])
		if f, ok := em["footer"].(map[string]any); ok {
			total += trimmedLen(f["text"])
		}
		if a, ok := em["author"].(map[string]any); ok {
			total += trimmedLen(a["name"])
		}
		fields, _ := em["fields"].([]any)
		for j, f := range fields {
			fm, ok := f.(map[string]any)
			if !ok {
				continue
			}
			total += trimmedLen(fm["name"]) + trimmedLen(fm["value"])
			if trimmedLen(fm["name"]) == 0 {
				errs = append(errs, fmt.Sprintf("%s.fields[%d].name: blank; Discord requires a name", ep, j))
			}
			if trimmedLen(fm["value"]) == 0 {
				errs = append(errs, fmt.Sprintf("%s.fields[%d].value: blank; Discord requires a value", ep, j))
			}
		}
		if trimmedLen(em["title"])+trimmedLen(em["description"])+len(fields) == 0 && em["image"] == nil && em["thumbnail"] == nil {
			errs = append(errs, ep+": empty embed")
		}
	}
	if total > maxEmbedTotal {
		errs = append(errs, fmt.Sprintf("%s.embeds: %d characters across embeds, more than %d", path, total, maxEmbedTotal))
	}
	flags, _ := intOf(m["flags"])
	if flags&^rules.AllowedFlags != 0 {
		errs = append(errs, fmt.Sprintf("%s.flags: %d sets flags outside %d", path, flags, rules.AllowedFlags))
	}
	if rows, ok := m["components"].([]any); ok && flags&flagComponentsV2 == 0 {
		if len(rows) > maxActionRows {
			errs = append(errs, fmt.Sprintf("%s.components: %d action rows, more than %d", path, len(rows), maxActionRows))
		}
		ids := map[string]bool{}
		for i, r := range rows {
			row, _ := r.(map[string]any)
			if t, _ := intOf(row["type"]); t != 1 {
				errs = append(errs, fmt.Sprintf("%s.components[%d]: top-level component of type %d, want an action row", path, i, t))
				continue
			}
			cs, _ := row["components"].([]any)
			for j, c := range cs {
				cm, _ := c.(map[string]any)
				id, _ := cm["custom_id"].(string)
				style, _ := intOf(cm["style"])
				cp := fmt.Sprintf("%s.components[%d].components[%d]", path, i, j)
				if id == "" && style != 5 && style != 6 {
					errs = append(errs, cp+": button without custom_id")
				}
				if id != "" && ids[id] {
					errs = append(errs, fmt.Sprintf("%s: custom_id %q used twice in one message", cp, id))
				}
				ids[id] = true
			}
		}
	}
	if rules.NoMentions {
		errs = append(errs, checkNoMentions(path, m)...)
	}
	return errs
}

func checkNoMentions(path string, m map[string]any) []string {
	am, ok := m["allowed_mentions"].(map[string]any)
	if !ok {
		return []string{path + ".allowed_mentions: missing; every message must set allowed_mentions {\"parse\": []} so quoted text cannot ping anyone"}
	}
	parse, ok := am["parse"].([]any)
	if !ok {
		return []string{fmt.Sprintf("%s.allowed_mentions.parse: %s, want an empty list []", path, show(am["parse"]))}
	}
	var errs []string
	if len(parse) > 0 {
		errs = append(errs, fmt.Sprintf("%s.allowed_mentions.parse: %s allows mentions, want []", path, show(parse)))
	}
	for _, k := range []string{"users", "roles"} {
		if l, ok := am[k].([]any); ok && len(l) > 0 {
			errs = append(errs, fmt.Sprintf("%s.allowed_mentions.%s: %s allows mentions, want none", path, k, show(l)))
		}
	}
	return errs
}

// CheckCallback checks an interaction callback body: the message rules for
// replies (4, 5, 7), only the ephemeral flag on a deferred reply (5), and at
// most 25 autocomplete choices (8) with 1–100 character names and values.
func CheckCallback(v any, noMentions bool) []string {
	body, ok := v.(map[string]any)
	if !ok {
		return []string{"$: callback body is not an object"}
	}
	typ, _ := intOf(body["type"])
	data, _ := body["data"].(map[string]any)
	replyFlags := flagEphemeral | flagSuppressEmbeds | flagSuppressNotif | flagComponentsV2 | flagVoiceMessage
	switch typ {
	case 4, 7:
		if data == nil {
			return []string{"$.data: missing for a message reply"}
		}
		return CheckMessage("$.data", data, MessageRules{NoMentions: noMentions, AllowedFlags: replyFlags})
	case 5:
		if data == nil {
			return nil
		}
		errs := CheckMessage("$.data", data, MessageRules{AllowedFlags: flagEphemeral})
		if s, _ := data["content"].(string); s != "" {
			errs = append(errs, "$.data.content: a deferred reply carries no content")
		}
		return errs
	case 8:
		var errs []string
		choices, _ := data["choices"].([]any)
		if len(choices) > 25 {
			errs = append(errs, fmt.Sprintf("$.data.choices: %d choices, more than 25", len(choices)))
		}
		for i, c := range choices {
			cm, _ := c.(map[string]any)
			if n := stringLen(cm["name"]); n < 1 || n > 100 {
				errs = append(errs, fmt.Sprintf("$.data.choices[%d].name: %d characters, want 1 to 100", i, n))
			}
			if s, ok := cm["value"].(string); ok && utf8.RuneCountInString(s) > maxChoiceValueChars {
				errs = append(errs, fmt.Sprintf("$.data.choices[%d].value: %d characters, more than %d", i, utf8.RuneCountInString(s), maxChoiceValueChars))
			}
		}
		return errs
	}
	return nil
}

func stringLen(v any) int {
	s, _ := v.(string)
	return utf8.RuneCountInString(s)
}

func trimmedLen(v any) int {
	s, _ := v.(string)
	return utf8.RuneCountInString(strings.TrimSpace(s))
}

func isDecimal(s string) bool {
	if s == "" || len(s) > 20 {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}
