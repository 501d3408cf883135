package bot

import "github.com/bwmarrin/discordgo"

// Permission bits checked on the server side for admin commands.
const (
	permAdministrator = discordgo.PermissionAdministrator // 1 << 3
	permManageGuild   = discordgo.PermissionManageGuild   // 1 << 5
)

// Option limits shared by the definitions, the handlers and the console.
const (
	defaultDays    = 14
	maxDays        = 90
	defaultPerPage = 5
	maxPerPage     = 10
	maxQueryLength = 200
	maxURLLength   = 2048
	// A feed's own polling interval, in minutes: from every five minutes
	// (more often only loads the feed's server) to once a day.
	minFeedMinutes = 5
	maxFeedMinutes = 1440
)

// Commands returns the slash commands briefbot registers, in the form sent
// to Discord's bulk overwrite. /briefing and /ingest are for members with
// Manage Server by default (default_member_permissions); the handlers check
// the permission again, because a server's overrides can open a command to
// anyone.
func Commands() []*discordgo.ApplicationCommand {
	manage := int64(permManageGuild)
	guildOnly := &[]discordgo.InteractionContextType{discordgo.InteractionContextGuild}
	one := 1.0
	ten := 10
	minFeed := float64(minFeedMinutes)
	return []*discordgo.ApplicationCommand{
		{
			Name:        "summary",
			Description: "Brief me on an article: key points, who was quoted, where to read it",
			Options: []*discordgo.ApplicationCommandOption{
				{Type: discordgo.ApplicationCommandOptionString, Name: "article", Autocomplete: true,
					Description: "A recent headline: start typing to search (default: the newest article)", MaxLength: maxQueryLength},
				{Type: discordgo.ApplicationCommandOptionString, Name: "query",
					Description: "Words to look for: shows the newest article that has them all", MaxLength: maxQueryLength},
			},
		},
		{
			Name:        "quotes",
			Description: "What a person or organisation said, newest first, from every stored article",
			Options: []*discordgo.ApplicationCommandOption{
				{Type: discordgo.ApplicationCommandOptionString, Name: "person", Required: true, Autocomplete: true,
					Description: "Who, for example Borrell or Josep Borrell", MaxLength: maxQueryLength},
				{Type: discordgo.ApplicationCommandOptionInteger, Name: "limit",
					Description: "How many quotes per page (1 to 10, default 5)", MinValue: &one, MaxValue: maxPerPage},
			},
		},
		{
			Name:        "upcoming",
			Description: "Events coming up, by date, from the stored articles",
			Options: []*discordgo.ApplicationCommandOption{
				{Type: discordgo.ApplicationCommandOptionInteger, Name: "days",
					Description: "How many days ahead to look (1 to 90, default 14)", MinValue: &one, MaxValue: maxDays},
				{Type: discordgo.ApplicationCommandOptionString, Name: "from",
					Description: "First day as YYYY-MM-DD (default: today)", MinLength: &ten, MaxLength: ten},
			},
		},
		{
			Name:        "digest",
			Description: "Preview the next daily digest here: every article stored since the last (only you see it)",
			Contexts:    guildOnly,
		},
		{
			Name:                     "ingest",
			Description:              "Add an article to the briefing from its web address (Manage Server)",
			DefaultMemberPermissions: &manage,
			Contexts:                 guildOnly,
			Options: []*discordgo.ApplicationCommandOption{
				{Type: discordgo.ApplicationCommandOptionString, Name: "url", Required: true,
					Description: "The article's web address, starting with https://", MaxLength: maxURLLength},
			},
		},
		{
			Name:                     "briefing",
			Description:              "Set up this server's daily digest and news feeds (Manage Server)",
			DefaultMemberPermissions: &manage,
			Contexts:                 guildOnly,
			Options: []*discordgo.ApplicationCommandOption{
				{
					Type: discordgo.ApplicationCommandOptionSubCommand, Name: "setup",
					Description: "Choose the channel and the local time of the daily digest",
					Options: []*discordgo.ApplicationCommandOption{
						{Type: discordgo.ApplicationCommandOptionChannel, Name: "channel", Required: true,
							Description:  "Channel to post the digest in",
							ChannelTypes: []discordgo.ChannelType{discordgo.ChannelTypeGuildText, discordgo.ChannelTypeGuildNews}},
						{Type: discordgo.ApplicationCommandOptionString, Name: "time", Required: true,
							Description: "Time of day as HH:MM in 24-hour form, for example 08:30", MaxLength: 5},
						{Type: discordgo.ApplicationCommandOptionString, Name: "timezone", Required: true, Autocomplete: true,
							Description: "Time zone of that time, for example Europe/Brussels", MaxLength: 64},
						{Type: discordgo.ApplicationCommandOptionBoolean, Name: "skip_empty",
							Description: "Post nothing on a day with no new article (default: a short \"nothing new\" note)"},
					},
				},
				{
					Type: discordgo.ApplicationCommandOptionSubCommand, Name: "show",
					Description: "Show this server's digest settings and feeds",
				},
				{
					Type: discordgo.ApplicationCommandOptionSubCommand, Name: "stop",
					Description: "Stop posting the daily digest here; feeds stay followed unless you say so",
					Options: []*discordgo.ApplicationCommandOption{
						{Type: discordgo.ApplicationCommandOptionBoolean, Name: "remove_feeds",
							Description: "Also stop following this server's feeds (default: keep them)"},
					},
				},
				{
					Type: discordgo.ApplicationCommandOptionSubCommandGroup, Name: "feeds",
					Description: "The news feeds briefbot reads for this server; their articles are stored for all",
					Options: []*discordgo.ApplicationCommandOption{
						{Type: discordgo.ApplicationCommandOptionSubCommand, Name: "add",
							Description: "Follow an RSS, Atom or JSON feed",
							Options: []*discordgo.ApplicationCommandOption{
								{Type: discordgo.ApplicationCommandOptionString, Name: "url", Required: true,
									Description: "The feed's web address, starting with https://", MaxLength: maxURLLength},
								{Type: discordgo.ApplicationCommandOptionInteger, Name: "interval",
									Description: "Minutes between reads of this feed, 5 to 1440 (default 15)", MinValue: &minFeed, MaxValue: maxFeedMinutes},
							}},
						{Type: discordgo.ApplicationCommandOptionSubCommand, Name: "remove",
							Description: "Stop following a feed",
							Options: []*discordgo.ApplicationCommandOption{
								{Type: discordgo.ApplicationCommandOptionString, Name: "url", Required: true, Autocomplete: true,
									Description: "The feed to stop following", MaxLength: maxURLLength},
							}},
						{Type: discordgo.ApplicationCommandOptionSubCommand, Name: "list",
							Description: "List the feeds this server follows"},
					},
				},
			},
		},
	}
}
