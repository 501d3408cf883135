package discordtest

import (
	"encoding/json"
	"errors"
	"net"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/gorilla/websocket"
)

// gateway is the fake's websocket side: HELLO, IDENTIFY or RESUME, READY or
// RESUMED, heartbeats and ACKs, and dispatches with sequence numbers kept
// for replay after a RESUME.
type gateway struct {
	server *Server

	mu         sync.Mutex // guards the fields below and serialises writes
	live       *gwConn
	conns      []*gwConn
	sessionID  string
	sessions   int
	seq        int64
	buffer     []frame // every dispatch since READY, replayed after RESUME
	identifies int
	resumes    int
	resumedAt  []int64 // the seq each RESUME asked to continue from
	heartbeats int
	liveBeats  int // heartbeats on the live socket
}

type gwConn struct {
	c *websocket.Conn
}

type frame struct {
	Op   int             `json:"op"`
	Seq  *int64          `json:"s"`
	Type *string         `json:"t"`
	Data json.RawMessage `json:"d"`
}

// GatewayState is a snapshot of the fake gateway.
type GatewayState struct {
	Connected  bool // a session is READY or RESUMED on a live socket
	SessionID  string
	Seq        int64 // last sequence number dispatched
	Identifies int
	Resumes    int
	ResumedAt  []int64 // for each RESUME, the seq the client said it had
	Heartbeats int
	// LiveHeartbeats counts heartbeats on the live socket only.
	LiveHeartbeats int
}

var upgrader = websocket.Upgrader{
	ReadBufferSize:  4096,
	WriteBufferSize: 4096,
	CheckOrigin:     func(*http.Request) bool { return true },
}

func (g *gateway) url() string {
	return "ws" + strings.TrimPrefix(g.server.URL, "http") + "/ws"
}

// Gateway returns a snapshot of the gateway's state.
func (s *Server) Gateway() GatewayState {
	g := &s.gw
	g.mu.Lock()
	defer g.mu.Unlock()
	return GatewayState{
		Connected: g.live != nil, SessionID: g.sessionID, Seq: g.seq,
		Identifies: g.identifies, Resumes: g.resumes, ResumedAt: append([]int64(nil), g.resumedAt...),
		Heartbeats: g.heartbeats, LiveHeartbeats: g.liveBeats,
	}
}

// WaitConnected waits until a client has identified (or resumed) and sent
// at least one heartbeat on the live socket.
func (s *Server) WaitConnected(timeout time.Duration) bool {
	return s.WaitFor(timeout, func() bool {
		st := s.Gateway()
		return st.Connected && st.LiveHeartbeats > 0
	})
}

// Dispatch sends a gateway event (op 0) to the connected client with the
// next sequence number. With no client connected the event is only kept,
// and replayed when the client resumes, as Discord does.
func (s *Server) Dispatch(eventType string, d any) (seq int64) {
	data, err := json.Marshal(d)
	if err != nil {
		s.violate("fake discord: cannot encode %s: %v", eventType, err)
		return 0
	}
	g := &s.gw
	g.mu.Lock()
	g.seq++
	seq = g.seq
	t := eventType
	f := frame{Op: 0, Seq: &seq, Type: &t, Data: data}
	g.buffer = append(g.buffer, f)
	if g.live != nil {
		if err := g.live.write(f); err != nil {
			// A client too slow to read, or gone: drop the socket as
			// Discord would; the event stays buffered for the resume.
			g.live.c.UnderlyingConn().Close()
			g.live = nil
		}
	}
	g.mu.Unlock()
	s.notify()
	return seq
}

// DropGateway cuts the live websocket without a close frame, as a network
// failure would. The client should reconnect and RESUME.
func (s *Server) DropGateway() {
	g := &s.gw
	g.mu.Lock()
	c := g.live
	g.live = nil
	g.mu.Unlock()
	if c != nil {
		c.c.UnderlyingConn().Close()
	}
	s.notify()
}

// RequestReconnect sends op 7 RECONNECT: the client should close and RESUME.
func (s *Server) RequestReconnect() {
	g := &s.gw
	g.mu.Lock()
	if g.live != nil {
		g.live.write(frame{Op: 7, Data: json.RawMessage("null")})
	}
	g.mu.Unlock()
}

func (g *gateway) closeAll() {
	g.mu.Lock()
	conns := g.conns
	g.conns = nil
	g.live = nil
	g.mu.Unlock()
	for _, c := range conns {
		c.c.Close()
	}
}

// writeTimeout is how long the fake waits for a client to take a frame
// before it gives the connection up.
const writeTimeout = 10 * time.Second

func (c *gwConn) write(f frame) error {
	c.c.SetWriteDeadline(time.Now().Add(writeTimeout))
	return c.c.WriteJSON(f)
}

func (g *gateway) serve(w http.ResponseWriter, r *http.Request) {
	s := g.server
	q := r.URL.Query()
	if q.Get("v") != "9" || q.Get("encoding") != "json" {
		s.violate("gateway: connected with query %q, want v=9&encoding=json", r.URL.RawQuery)
	}
	conn, err := upgrader.Upgrade(w, r, nil)
	if err != nil {
		// A connection that broke during the handshake (a client closing
		// as it reconnects, or the fake shutting down) breaks no rule; a
		// request that is not a websocket handshake does.
		var ne net.Error
		if !errors.As(err, &ne) {
			s.violate("gateway: websocket upgrade: %v", err)
		}
		return
	}
	gc := &gwConn{c: conn}
	g.mu.Lock()
	g.conns = append(g.conns, gc)
	err = gc.write(frame{Op: 10, Data: mustJSON(map[string]any{"heartbeat_interval": s.opts.HeartbeatInterval.Milliseconds()})})
	g.mu.Unlock()
	if err != nil {
		conn.Close()
		return
	}
	if !g.handshake(gc) {
		conn.Close()
		return
	}
	s.notify()
	for {
		conn.SetReadDeadline(time.Time{})
		var f frame
		if err := conn.ReadJSON(&f); err != nil {
			g.mu.Lock()
			if g.live == gc {
				g.live = nil
			}
			g.mu.Unlock()
			s.notify()
			return
		}
		switch f.Op {
		case 1:
			g.mu.Lock()
			g.heartbeats++
			if g.live == gc {
				g.liveBeats++
			}
			gc.write(frame{Op: 11, Data: json.RawMessage("null")})
			g.mu.Unlock()
			s.notify()
		case 2, 6:
			s.violate("gateway: op %d sent again on a session that is already open", f.Op)
		default:
			s.violate("gateway: unexpected op %d from the client", f.Op)
		}
	}
}

// handshake reads IDENTIFY or RESUME and answers READY, or the missed
// events followed by RESUMED. An unknown session gets op 9 (not resumable);
// discordgo then identifies on the same socket.
func (g *gateway) handshake(gc *gwConn) bool {
	s := g.server
	for range 3 {
		gc.c.SetReadDeadline(time.Now().Add(10 * time.Second))
		var f frame
		if err := gc.c.ReadJSON(&f); err != nil {
			return false
		}
		switch f.Op {
		case 1: // a heartbeat before IDENTIFY is allowed
			g.mu.Lock()
			gc.write(frame{Op: 11, Data: json.RawMessage("null")})
			g.mu.Unlock()
			continue
		case 2:
			var d struct {
				Token   string `json:"token"`
				Intents *int   `json:"intents"`
			}
			json.Unmarshal(f.Data, &d)
			if d.Token != s.opts.Token {
				s.violate("gateway: IDENTIFY with the wrong token")
				gc.c.WriteMessage(websocket.CloseMessage, websocket.FormatCloseMessage(4004, "Authentication failed."))
				return false
			}
			if d.Intents == nil {
				s.violate("gateway: IDENTIFY without intents")
			}
			g.mu.Lock()
			g.identifies++
			g.sessions++
			g.sessionID = "fake-session-" + s.NewID()
			g.seq = 1
			g.buffer = nil
			seq, t := g.seq, "READY"
			err := gc.write(frame{Op: 0, Seq: &seq, Type: &t, Data: mustJSON(map[string]any{
				"v":                  9,
				"user":               map[string]any{"id": s.opts.AppID, "username": "briefbot", "discriminator": "0", "bot": true},
				"session_id":         g.sessionID,
				"resume_gateway_url": g.url(),
				"guilds":             []any{},
				"application":        map[string]any{"id": s.opts.AppID, "flags": 0},
			})})
			if err == nil {
				g.live, g.liveBeats = gc, 0
			}
			g.mu.Unlock()
			return err == nil
		case 6:
			var d struct {
				Token     string `json:"token"`
				SessionID string `json:"session_id"`
				Seq       int64  `json:"seq"`
			}
			json.Unmarshal(f.Data, &d)
			if d.Token != s.opts.Token {
				s.violate("gateway: RESUME with the wrong token")
				return false
			}
			g.mu.Lock()
			if d.SessionID != g.sessionID || d.Seq > g.seq {
				gc.write(frame{Op: 9, Data: json.RawMessage("false")})
				g.mu.Unlock()
				continue
			}
			g.resumes++
			g.resumedAt = append(g.resumedAt, d.Seq)
			var err error
			for _, ev := range g.buffer {
				if *ev.Seq > d.Seq && err == nil {
					err = gc.write(ev)
				}
			}
			g.seq++
			seq, t := g.seq, "RESUMED"
			if err == nil {
				err = gc.write(frame{Op: 0, Seq: &seq, Type: &t, Data: json.RawMessage("{}")})
			}
			if err == nil {
				g.live, g.liveBeats = gc, 0
			}
			g.mu.Unlock()
			return err == nil
		default:
			s.violate("gateway: first client op %d, want IDENTIFY (2) or RESUME (6)", f.Op)
			return false
		}
	}
	return false
}

func mustJSON(v any) json.RawMessage {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return b
}
