package app_test

import (
	"crypto/tls"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"chainjudge/app"
	"chainjudge/app/apptest"
	"chainjudge/app/store"
)

// setCookies returns the Set-Cookie headers of a response by cookie name.
func setCookies(res *apptest.Response) map[string]string {
	out := map[string]string{}
	for _, h := range res.Header.Values("Set-Cookie") {
		name, _, _ := strings.Cut(h, "=")
		out[name] = h
	}
	return out
}

func TestCookies_SecureOverTLSAndHttpOnly(t *testing.T) {
	env := apptest.New(t)
	env.CreateUser(store.RoleOffice, "office1", "")

	plain := env.Client()
	res := plain.Get("/login")
	ck := setCookies(res)["cj_csrf"]
	if !strings.Contains(ck, "HttpOnly") || !strings.Contains(ck, "SameSite=Lax") || strings.Contains(ck, "Secure") {
		t.Errorf("plain HTTP csrf cookie = %q; want HttpOnly, SameSite=Lax, not Secure", ck)
	}

	tlsClient := env.Client()
	req := httptest.NewRequest(http.MethodGet, "/login", nil)
	req.TLS = &tls.ConnectionState{}
	res = tlsClient.Do(req)
	if ck := setCookies(res)["cj_csrf"]; !strings.Contains(ck, "Secure") {
		t.Errorf("csrf cookie over TLS = %q; want Secure", ck)
	}
	if hsts := res.Header.Get("Strict-Transport-Security"); hsts == "" {
		t.Error("no HSTS header over TLS")
	}
	form := url.Values{"username": {"office1"}, "password": {apptest.DefaultPassword}, "csrf": {tlsClient.CSRF()}}
	req = httptest.NewRequest(http.MethodPost, "/login", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.TLS = &tls.ConnectionState{}
	res = tlsClient.Do(req)
	sess := setCookies(res)["cj_session"]
	for _, want := range []string{"Secure", "HttpOnly", "SameSite=Lax", "Path=/"} {
		if !strings.Contains(sess, want) {
			t.Errorf("session cookie over TLS = %q; want %s", sess, want)
		}
	}

	t.Run("ForcedBySecureCookiesBehindAProxy", func(t *testing.T) {
		env := apptest.New(t, func(c *app.Config) { c.SecureCookies = true })
		if ck := setCookies(env.Client().Get("/login"))["cj_csrf"]; !strings.Contains(ck, "Secure") {
			t.Errorf("csrf cookie with SecureCookies = %q; want Secure", ck)
		}
	})
}
