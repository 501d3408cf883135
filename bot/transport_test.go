package bot

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// TestAPITransport checks that every REST call discordgo makes to
// discord.com goes to DISCORD_API_BASE instead, path prefix included, with
// its headers, and that other hosts are left alone.
func TestAPITransport(t *testing.T) {
	var got []string
	proxy := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got = append(got, r.Method+" "+r.URL.Path+" "+r.Header.Get("Authorization"))
		io.WriteString(w, "{}")
	}))
	defer proxy.Close()
	base, err := parseAPIBase(proxy.URL + "/discord/")
	if err != nil {
		t.Fatal(err)
	}
	c := &http.Client{Transport: newAPITransport(base, slog.New(slog.DiscardHandler))}
	req, _ := http.NewRequest("POST", "https://discord.com/api/v9/channels/1/messages", strings.NewReader("{}"))
	req.Header.Set("Authorization", "Bot x")
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if len(got) != 1 || got[0] != "POST /discord/api/v9/channels/1/messages Bot x" {
		t.Errorf("proxy saw %q", got)
	}

	for _, bad := range []string{"ftp://x", "discord.com", "http://", "https://x/?a=1"} {
		if _, err := parseAPIBase(bad); err == nil {
			t.Errorf("parseAPIBase(%q) accepted", bad)
		}
	}
	if u, err := parseAPIBase(""); err != nil || u.String() != DefaultAPIBase {
		t.Errorf("default API base = %v, %v", u, err)
	}
}
