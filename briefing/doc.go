// Package briefing turns news articles into briefings: it reads an article
// (plain text, Markdown or HTML), splits it into sentences, finds the people
// and organisations it names, the quotations it attributes to them, the dated
// events it places after publication, and a short extractive summary.
//
// The package is pure analysis: it never touches the network, the store or
// Discord, and it does not log. Callers hand it bytes and get values back.
package briefing
