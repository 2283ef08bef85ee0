// Package apptest runs the real chainjudge server in tests: a fresh SQLite
// file, a settable clock, and browser-like clients that keep cookies and
// send the CSRF token the way the pages' forms do. Requests go through the
// echo router via ServeHTTP, exactly as in production.
package apptest

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log/slog"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"chainjudge/app"
	"chainjudge/app/account"
	"chainjudge/app/store"
	"chainjudge/app/store/storetest"

	"golang.org/x/crypto/bcrypt"
)

// Start is the default clock time of a test environment.
var Start = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)

// Env is a running server with its store and clock.
type Env struct {
	T      testing.TB
	Store  *store.Store
	Server *app.Server
	Clock  *storetest.Clock
	Config app.Config
	// DBPath is the SQLite file (empty on PostgreSQL).
	DBPath string
}

// Option adjusts the server configuration before start.
type Option func(*app.Config)

// New starts a server on a fresh SQLite database.
func New(tb testing.TB, opts ...Option) *Env {
	tb.Helper()
	clock := &storetest.Clock{T: Start}
	st, path := storetest.SQLitePath(tb, clock.Now)
	env := newEnv(tb, st, clock, opts)
	env.DBPath = path
	return env
}

// NewPostgres starts a server on a fresh PostgreSQL database (skipped
// without TEST_POSTGRES_DSN).
func NewPostgres(tb testing.TB, opts ...Option) *Env {
	tb.Helper()
	clock := &storetest.Clock{T: Start}
	st := storetest.Postgres(tb, clock.Now)
	return newEnv(tb, st, clock, opts)
}

func newEnv(tb testing.TB, st *store.Store, clock *storetest.Clock, opts []Option) *Env {
	cfg := app.Config{
		DataDir: tb.TempDir(),
		Now:     clock.Now,
		Logger:  slog.New(slog.NewTextHandler(testWriter{tb}, nil)),
	}
	for _, o := range opts {
		o(&cfg)
	}
	srv, err := app.New(cfg, st)
	if err != nil {
		tb.Fatalf("app.New: %v", err)
	}
	return &Env{T: tb, Store: st, Server: srv, Clock: clock, Config: cfg}
}

// DefaultPassword is the password CreateUser gives accounts.
const DefaultPassword = "Passw0rd-test"

// defaultPasswordHash is DefaultPassword hashed once, at bcrypt's lowest
// cost: logging in is most of what many tests do, and at the product's
// cost 10 each login takes 60 ms (750 ms under the race detector). The
// product's own hashing (forms, the user command) is tested at its cost.
var defaultPasswordHash = sync.OnceValue(func() string {
	h, err := bcrypt.GenerateFromPassword([]byte(DefaultPassword), bcrypt.MinCost)
	if err != nil {
		panic(err)
	}
	return string(h)
})

// CreateUser makes an account with DefaultPassword. For applicants,
// regionName names their region (e.g. "江阴市").
func (e *Env) CreateUser(role store.Role, username, regionName string) *store.User {
	e.T.Helper()
	ctx := context.Background()
	n := account.New{Username: username, DisplayName: username, Role: role, PasswordHash: defaultPasswordHash()}
	if regionName != "" {
		r, err := e.Store.FindRegionByName(ctx, regionName)
		if err != nil {
			e.T.Fatalf("region %s: %v", regionName, err)
		}
		if role == store.RoleApplicant {
			n.RegionID = &r.ID
		} else {
			n.HomeRegionID = &r.ID
		}
	}
	if role == store.RoleExpert {
		n.Organisation = username + "所在单位"
	}
	u, _, err := account.Create(ctx, e.Store, store.SystemActor("test"), n, account.MinBcryptCost)
	if err != nil {
		e.T.Fatalf("create user %s: %v", username, err)
	}
	return u
}

// Client is a browser: it keeps cookies and reads the CSRF cookie to fill
// the token into forms, as the rendered pages do.
type Client struct {
	env     *Env
	cookies map[string]*http.Cookie
	// RemoteAddr is the client's address (for throttling tests).
	RemoteAddr string
}

// Client returns a new anonymous browser.
func (e *Env) Client() *Client {
	return &Client{env: e, cookies: map[string]*http.Cookie{}, RemoteAddr: "192.0.2.10:50000"}
}

// Login returns a browser logged in as username with DefaultPassword.
func (e *Env) Login(username string) *Client {
	e.T.Helper()
	c := e.Client()
	res := c.Login(username, DefaultPassword)
	if res.Code != http.StatusSeeOther {
		e.T.Fatalf("login %s: status %d; body %s", username, res.Code, res.Body)
	}
	return c
}

// On returns the same browser (same cookies) talking to another server, as
// when a load balancer sends its next request to another app instance.
func (c *Client) On(other *Env) *Client {
	return &Client{env: other, cookies: c.cookies, RemoteAddr: c.RemoteAddr}
}

// WaitJob waits for the background job behind a /jobs/ID location to end and
// returns its page as the client sees it.
func (c *Client) WaitJob(location string) *Response {
	c.env.T.Helper()
	var id int64
	if _, err := fmt.Sscanf(location, "/jobs/%d", &id); err != nil {
		c.env.T.Fatalf("not a job location: %q", location)
	}
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		job, err := c.env.Store.FindJobByID(context.Background(), id)
		if err != nil {
			c.env.T.Fatalf("job %d: %v", id, err)
		}
		if job.Status != store.JobRunning {
			return c.Get(location)
		}
		time.Sleep(20 * time.Millisecond)
	}
	c.env.T.Fatalf("job %d did not finish within a minute", id)
	return nil
}

// Response is a finished request.
type Response struct {
	Code     int
	Header   http.Header
	Body     string
	Location string
}

// Do sends req through the server and keeps the cookies it sets.
func (c *Client) Do(req *http.Request) *Response {
	for _, ck := range c.cookies {
		req.AddCookie(ck)
	}
	if req.RemoteAddr == "" || req.RemoteAddr == "192.0.2.1:1234" {
		req.RemoteAddr = c.RemoteAddr
	}
	rec := httptest.NewRecorder()
	c.env.Server.ServeHTTP(rec, req)
	res := rec.Result()
	defer res.Body.Close()
	for _, ck := range res.Cookies() {
		if ck.MaxAge < 0 || (ck.Value == "" && ck.MaxAge == 0 && !ck.Expires.IsZero()) {
			delete(c.cookies, ck.Name)
			continue
		}
		c.cookies[ck.Name] = &http.Cookie{Name: ck.Name, Value: ck.Value}
	}
	body, _ := io.ReadAll(res.Body)
	return &Response{Code: res.StatusCode, Header: res.Header, Body: string(body), Location: res.Header.Get("Location")}
}

// Get fetches path.
func (c *Client) Get(path string) *Response {
	return c.Do(httptest.NewRequest(http.MethodGet, path, nil))
}

// CSRF is the token the browser would put into forms, fetching a page first
// if it has none yet.
func (c *Client) CSRF() string {
	if ck, ok := c.cookies["cj_csrf"]; ok {
		return ck.Value
	}
	c.Get("/login")
	if ck, ok := c.cookies["cj_csrf"]; ok {
		return ck.Value
	}
	c.env.T.Fatalf("no CSRF cookie after GET /login")
	return ""
}

// PostForm submits a form with the CSRF token filled in.
func (c *Client) PostForm(path string, form url.Values) *Response {
	if form == nil {
		form = url.Values{}
	}
	if form.Get("csrf") == "" {
		form.Set("csrf", c.CSRF())
	}
	return c.PostRaw(path, form)
}

// PostRaw submits a form exactly as given (no CSRF token added).
func (c *Client) PostRaw(path string, form url.Values) *Response {
	req := httptest.NewRequest(http.MethodPost, path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return c.Do(req)
}

// File is one file part of a multipart form.
type File struct {
	Field, Name string
	Data        []byte
}

// PostMultipart submits a multipart form with files; the CSRF token goes in
// the query string as the pages' upload forms do.
func (c *Client) PostMultipart(path string, form url.Values, files ...File) *Response {
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	for k, vs := range form {
		for _, v := range vs {
			_ = w.WriteField(k, v)
		}
	}
	for _, f := range files {
		part, err := w.CreateFormFile(f.Field, f.Name)
		if err != nil {
			c.env.T.Fatal(err)
		}
		_, _ = part.Write(f.Data)
	}
	_ = w.Close()
	sep := "?"
	if strings.Contains(path, "?") {
		sep = "&"
	}
	req := httptest.NewRequest(http.MethodPost, path+sep+"csrf="+url.QueryEscape(c.CSRF()), &buf)
	req.Header.Set("Content-Type", w.FormDataContentType())
	return c.Do(req)
}

// Login posts the login form.
func (c *Client) Login(username, password string) *Response {
	return c.PostForm("/login", url.Values{"username": {username}, "password": {password}})
}

// Cookie returns the value of a cookie the browser holds.
func (c *Client) Cookie(name string) string {
	if ck, ok := c.cookies[name]; ok {
		return ck.Value
	}
	return ""
}

// Scenario is one request and what must come back: the table-test row of
// router tests.
type Scenario struct {
	Name           string
	As             *Client // nil = anonymous
	Method         string  // GET (default) or POST
	Path           string
	Form           url.Values
	NoCSRF         bool
	WantStatus     int
	WantLocation   string // prefix
	WantContains   []string
	WantNotContain []string
}

// Run executes the scenario as a subtest.
func (s Scenario) Run(t *testing.T, env *Env) {
	t.Helper()
	t.Run(s.Name, func(t *testing.T) {
		c := s.As
		if c == nil {
			c = env.Client()
		}
		var res *Response
		switch {
		case s.Method == "" || s.Method == http.MethodGet:
			res = c.Get(s.Path)
		case s.NoCSRF:
			res = c.PostRaw(s.Path, s.Form)
		default:
			res = c.PostForm(s.Path, cloneValues(s.Form))
		}
		Check(t, res, s.WantStatus, s.WantLocation, s.WantContains, s.WantNotContain)
	})
}

// Check asserts status, redirect target and body content.
func Check(t testing.TB, res *Response, status int, location string, contains, notContains []string) {
	t.Helper()
	if status != 0 && res.Code != status {
		t.Fatalf("status = %d; want %d\nlocation: %s\nbody: %s", res.Code, status, res.Location, trimBody(res.Body))
	}
	if location != "" && !strings.HasPrefix(res.Location, location) {
		t.Errorf("location = %q; want prefix %q", res.Location, location)
	}
	for _, s := range contains {
		if !strings.Contains(res.Body, s) {
			t.Errorf("body does not contain %q\nbody: %s", s, trimBody(res.Body))
		}
	}
	for _, s := range notContains {
		if strings.Contains(res.Body, s) {
			t.Errorf("body contains %q; must not", s)
		}
	}
}

func cloneValues(v url.Values) url.Values {
	out := url.Values{}
	for k, vs := range v {
		out[k] = append([]string(nil), vs...)
	}
	return out
}

func trimBody(b string) string {
	if i := strings.Index(b, `<main id="main">`); i >= 0 {
		b = b[i:]
	}
	if len(b) > 3000 {
		return b[:3000] + "…"
	}
	return b
}

// testWriter sends server logs to the test log, shown only on failure.
type testWriter struct{ tb testing.TB }

func (w testWriter) Write(p []byte) (int, error) {
	w.tb.Log(strings.TrimSpace(string(p)))
	return len(p), nil
}

// SkipUnderRace skips a test whose cost is volume rather than concurrency
// (rendering every PDF of the demo's finished round, say). The race
// detector makes gofpdf's font parsing about ten times slower, so such a
// test would take minutes there while adding nothing for the detector:
// rendering documents side by side is raced by TestRenderAll and the
// reports package's concurrent test. CI runs it in the plain
// `go test ./...` step.
func SkipUnderRace(tb testing.TB) {
	tb.Helper()
	if RaceEnabled {
		tb.Skip("renders a whole competition's PDFs: run without -race (CI's go test ./... step does)")
	}
}
