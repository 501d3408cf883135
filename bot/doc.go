// Package bot is briefbot's Discord front end and its console.
//
// It defines the slash commands (/summary, /quotes, /upcoming, /digest,
// /ingest and /briefing), registers them with one bulk overwrite, and
// answers interactions that arrive over the gateway: commands,
// autocomplete and the paging buttons. Handlers return reply values; one
// dispatcher sends them, deferring when work passes a second and retrying
// rate limits and server errors within Discord's reply window. Replies stay
// inside Discord's limits, escape the Markdown in article text and never
// mention anyone.
//
// The console (NewConsole) runs the same handlers from lines typed in
// Discord's syntax and prints the replies as text.
//
// Package discordtest, beside this one, is the local Discord the tests run
// the real discordgo client against.
package bot
