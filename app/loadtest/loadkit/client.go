package loadkit

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// Client is one expert's browser talking to the server over HTTP: it keeps
// cookies and sends the CSRF token the way the pages do.
type Client struct {
	base string
	http *http.Client
	jar  *cookiejar.Jar
}

// NewClient returns a browser for the server at base (http://host:port)
// sharing transport, so connections are kept alive and reused.
func NewClient(base string, transport http.RoundTripper) *Client {
	jar, _ := cookiejar.New(nil)
	return &Client{base: strings.TrimSuffix(base, "/"), jar: jar, http: &http.Client{
		Transport: transport, Jar: jar, Timeout: 60 * time.Second,
		// Redirects are answers to check, not to follow.
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}}
}

// NewTransport is a keep-alive transport for n concurrent browsers.
func NewTransport(n int) *http.Transport {
	return &http.Transport{MaxIdleConns: n * 2, MaxIdleConnsPerHost: n * 2, IdleConnTimeout: time.Minute,
		DisableCompression: true}
}

// Reply is a finished request.
type Reply struct {
	Status   int
	Location string
	Body     string
}

func (c *Client) do(ctx context.Context, method, path string, form url.Values, header map[string]string) (*Reply, error) {
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	req, err := http.NewRequestWithContext(ctx, method, c.base+path, body)
	if err != nil {
		return nil, err
	}
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	for k, v := range header {
		req.Header.Set(k, v)
	}
	res, err := c.http.Do(req)
	if err != nil {
		return nil, err
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		return nil, fmt.Errorf("read reply of %s %s: %w", method, path, err)
	}
	return &Reply{Status: res.StatusCode, Location: res.Header.Get("Location"), Body: string(b)}, nil
}

// Get fetches a page.
func (c *Client) Get(ctx context.Context, path string) (*Reply, error) {
	return c.do(ctx, http.MethodGet, path, nil, nil)
}

// csrf is the token the page's forms carry (the double-submit cookie).
func (c *Client) csrf(ctx context.Context) (string, error) {
	u, _ := url.Parse(c.base + "/")
	for _, ck := range c.jar.Cookies(u) {
		if ck.Name == "cj_csrf" {
			return ck.Value, nil
		}
	}
	if _, err := c.Get(ctx, "/login"); err != nil {
		return "", err
	}
	for _, ck := range c.jar.Cookies(u) {
		if ck.Name == "cj_csrf" {
			return ck.Value, nil
		}
	}
	return "", fmt.Errorf("no CSRF cookie from %s/login", c.base)
}

// Post submits a form as the page would, CSRF token included.
func (c *Client) Post(ctx context.Context, path string, form url.Values) (*Reply, error) {
	tok, err := c.csrf(ctx)
	if err != nil {
		return nil, err
	}
	form.Set("csrf", tok)
	return c.do(ctx, http.MethodPost, path, form, nil)
}

// Login logs in; anything but the redirect to the expert's home is an error.
func (c *Client) Login(ctx context.Context, username, password string) error {
	r, err := c.Post(ctx, "/login", url.Values{"username": {username}, "password": {password}})
	if err != nil {
		return fmt.Errorf("login %s: %w", username, err)
	}
	if r.Status != http.StatusSeeOther || r.Location != "/expert" {
		return fmt.Errorf("login %s: status %d, location %q", username, r.Status, r.Location)
	}
	return nil
}

// SaveReply is the autosave endpoint's JSON answer.
type SaveReply struct {
	Status  int
	Version int64  `json:"version"`
	Message string `json:"message"`
	Error   string `json:"error"`
	Total   string `json:"total"`
}

// Autosave posts the sheet form the way the page's autosave script does and
// reads the JSON answer. A non-2xx answer is returned, not an error; err is
// for transport failures and unreadable answers.
func (c *Client) Autosave(ctx context.Context, sheetPath string, form url.Values) (*SaveReply, error) {
	tok, err := c.csrf(ctx)
	if err != nil {
		return nil, err
	}
	r, err := c.do(ctx, http.MethodPost, sheetPath+"/draft", form, map[string]string{
		"X-CSRF-Token": tok, "X-Requested-With": "fetch", "Accept": "application/json"})
	if err != nil {
		return nil, err
	}
	out := &SaveReply{Status: r.Status}
	if err := json.Unmarshal([]byte(r.Body), out); err != nil {
		return out, fmt.Errorf("autosave %s: status %d, answer is not JSON: %.200s", sheetPath, r.Status, r.Body)
	}
	out.Status = r.Status
	return out, nil
}

// Submit posts the whole sheet to the submit button (saves it and, when
// complete, goes on to the signing page), then signs it with the password
// at the given version. It returns the answer of the step that failed, or
// of the signature.
func (c *Client) Submit(ctx context.Context, sheetPath string, form url.Values, version int64, password string) (*Reply, error) {
	r, err := c.Post(ctx, sheetPath+"/submit", form)
	if err != nil {
		return nil, err
	}
	if r.Status != http.StatusSeeOther || r.Location != sheetPath+"/sign" {
		return r, nil
	}
	return c.Post(ctx, sheetPath+"/sign", url.Values{"version": {strconv.FormatInt(version, 10)}, "password": {password}})
}
