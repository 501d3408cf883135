// Package discordtest is a local Discord for tests: the REST API under
// /api/v9 and the gateway websocket, on loopback, that a real discordgo
// session connects to.
//
// The fake performs the gateway handshake (HELLO, IDENTIFY or RESUME, READY
// or RESUMED), answers heartbeats, dispatches INTERACTION_CREATE events with
// sequence numbers and replays missed ones after a RESUME. On the REST side
// it serves command registration, interaction responses, edits and
// follow-ups, and channel messages (with nonce and enforce_nonce), and
// checks every request body against Discord's OpenAPI spec
// (shared/discord/openapi.json) and the documented limits the spec leaves
// out. Any violation fails the test that started the fake.
//
// It keeps Discord's timing rules as Discord does, by answering rather
// than by failing the test: a first response more than 3 seconds after the
// interaction was created (the time in its snowflake ID), or an edit or
// follow-up more than 15 minutes after, gets 404 "Unknown interaction"
// (code 10062), and the interaction has no accepted response. A test
// asserts what the user sees: each interaction answered exactly once.
//
// Tests can make it answer 429 with retry_after, 500 or 502, and drop the
// websocket, to exercise a client's retries and resumes.
package discordtest
