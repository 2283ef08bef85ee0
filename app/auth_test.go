package app_test

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"chainjudge/app/apptest"
	"chainjudge/app/store"
)

func TestHealthz(t *testing.T) {
	env := apptest.New(t)
	apptest.Scenario{Name: "OK", Path: "/healthz", WantStatus: http.StatusOK, WantContains: []string{`"status":"ok"`}}.Run(t, env)
}

// When the database stops answering, /healthz says so with a 503 and a JSON
// body, for the reverse proxy's health check (README, several instances).
func TestHealthz_DatabaseGoneIs503(t *testing.T) {
	env := apptest.New(t)
	if err := env.Store.Close(); err != nil {
		t.Fatal(err)
	}
	res := env.Client().Get("/healthz")
	if res.Code != http.StatusServiceUnavailable {
		t.Fatalf("GET /healthz with the database closed = %d; want 503\n%s", res.Code, res.Body)
	}
	if ct := res.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		t.Errorf("Content-Type = %q; want JSON", ct)
	}
	var body map[string]string
	if err := json.Unmarshal([]byte(res.Body), &body); err != nil {
		t.Fatalf("body is not JSON: %v\n%s", err, res.Body)
	}
	if body["status"] != "error" || body["error"] != "数据库不可达" {
		t.Errorf("body = %v; want status error and the reason in Chinese", body)
	}
}

func TestLogin(t *testing.T) {
	env := apptest.New(t)
	env.CreateUser(store.RoleOffice, "office1", "")
	env.CreateUser(store.RoleExpert, "expert1", "南京市")
	env.CreateUser(store.RoleApplicant, "jiangyin", "江阴市")

	apptest.Scenario{Name: "PageInChinese", Path: "/login", WantStatus: http.StatusOK,
		WantContains: []string{`lang="zh-CN"`, "登录", "用户名", "密码"}}.Run(t, env)
	apptest.Scenario{Name: "RootRedirectsAnonymousToLogin", Path: "/", WantStatus: http.StatusSeeOther,
		WantLocation: "/login"}.Run(t, env)

	for _, tc := range []struct{ user, home, heading string }{
		{"office1", "/office", "工作台"},
		{"expert1", "/expert", "我的评审"},
		{"jiangyin", "/applicant", "我的申报"},
	} {
		t.Run("RoleHome/"+tc.user, func(t *testing.T) {
			c := env.Client()
			res := c.Login(tc.user, apptest.DefaultPassword)
			apptest.Check(t, res, http.StatusSeeOther, tc.home, nil, nil)
			apptest.Check(t, c.Get(tc.home), http.StatusOK, "", []string{tc.heading, "退出"}, nil)
			apptest.Check(t, c.Get("/"), http.StatusSeeOther, tc.home, nil, nil)
		})
	}

	t.Run("ApplicantHomeNamesRegion", func(t *testing.T) {
		c := env.Login("jiangyin")
		apptest.Check(t, c.Get("/applicant"), http.StatusOK, "", []string{"江阴市"}, nil)
	})

	t.Run("WrongPasswordAndUnknownUserLookTheSame", func(t *testing.T) {
		a := env.Client().Login("office1", "wrong-pass1")
		b := env.Client().Login("nobody", "wrong-pass1")
		apptest.Check(t, a, http.StatusUnauthorized, "", []string{"用户名或密码错误"}, nil)
		apptest.Check(t, b, http.StatusUnauthorized, "", []string{"用户名或密码错误"}, nil)
	})

	t.Run("NextKeepsUserOnTheirWay", func(t *testing.T) {
		c := env.Client()
		res := c.Get("/office/users?role=expert")
		apptest.Check(t, res, http.StatusSeeOther, "/login?next=", nil, nil)
		next, _ := url.Parse(res.Location)
		res = c.PostForm("/login", url.Values{"username": {"office1"}, "password": {apptest.DefaultPassword},
			"next": {next.Query().Get("next")}})
		apptest.Check(t, res, http.StatusSeeOther, "/office/users?role=expert", nil, nil)
	})

	t.Run("NextCannotLeaveTheSite", func(t *testing.T) {
		c := env.Client()
		res := c.PostForm("/login", url.Values{"username": {"office1"}, "password": {apptest.DefaultPassword},
			"next": {"//evil.example/"}})
		apptest.Check(t, res, http.StatusSeeOther, "/office", nil, nil)
	})

	t.Run("SessionRotatesAtLogin", func(t *testing.T) {
		c := env.Login("office1")
		before := c.Cookie("cj_session")
		c.Login("office1", apptest.DefaultPassword)
		after := c.Cookie("cj_session")
		if before == "" || after == "" || before == after {
			t.Fatalf("session token before=%q after=%q; want a new token", before, after)
		}
		if _, _, err := env.Store.FindSession(t.Context(), before); err == nil {
			t.Error("old session still valid after re-login")
		}
	})

	t.Run("DisabledUserCannotLogIn", func(t *testing.T) {
		u := env.CreateUser(store.RoleExpert, "gone", "")
		disabled := true
		if _, err := env.Store.UpdateUser(t.Context(), store.SystemActor(""), u.ID, store.UserUpdate{Disabled: &disabled}, ""); err != nil {
			t.Fatal(err)
		}
		apptest.Check(t, env.Client().Login("gone", apptest.DefaultPassword), http.StatusUnauthorized, "",
			[]string{"用户名或密码错误"}, nil)
	})
}

func TestLogin_ThrottlesRepeatedFailures(t *testing.T) {
	env := apptest.New(t)
	env.CreateUser(store.RoleOffice, "office1", "")

	t.Run("PerAccount", func(t *testing.T) {
		for i := 0; i < 5; i++ {
			c := env.Client()
			c.RemoteAddr = "198.51.100." + string(rune('1'+i)) + ":4000" // spread over addresses
			apptest.Check(t, c.Login("office1", "bad-password9"), http.StatusUnauthorized, "", nil, nil)
		}
		res := env.Client().Login("office1", apptest.DefaultPassword)
		apptest.Check(t, res, http.StatusTooManyRequests, "", []string{"登录失败次数过多"}, nil)
		if res.Header.Get("Retry-After") == "" {
			t.Error("throttled response has no Retry-After")
		}
		env.Clock.Advance(16 * time.Minute)
		apptest.Check(t, env.Client().Login("office1", apptest.DefaultPassword), http.StatusSeeOther, "/office", nil, nil)
	})

	t.Run("PerAddressEvenForUnknownAccounts", func(t *testing.T) {
		c := env.Client()
		c.RemoteAddr = "203.0.113.7:5000"
		for i := 0; i < 30; i++ {
			c.Login("nobody"+strings.Repeat("x", i%5), "bad-password9")
		}
		apptest.Check(t, c.Login("office1", apptest.DefaultPassword), http.StatusTooManyRequests, "",
			[]string{"登录失败次数过多"}, nil)
		other := env.Client()
		other.RemoteAddr = "203.0.113.8:5000"
		apptest.Check(t, other.Login("office1", apptest.DefaultPassword), http.StatusSeeOther, "/office", nil, nil)
	})

	t.Run("ForwardedForIsNotTrustedByDefault", func(t *testing.T) {
		c := env.Client()
		c.RemoteAddr = "203.0.113.7:5000"
		req, _ := http.NewRequest(http.MethodPost, "/login", strings.NewReader(url.Values{
			"username": {"office1"}, "password": {apptest.DefaultPassword}, "csrf": {c.CSRF()}}.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("X-Forwarded-For", "10.9.9.9")
		apptest.Check(t, c.Do(req), http.StatusTooManyRequests, "", nil, nil)
	})
}

func TestLogout(t *testing.T) {
	env := apptest.New(t)
	env.CreateUser(store.RoleOffice, "office1", "")
	c := env.Login("office1")
	token := c.Cookie("cj_session")
	apptest.Check(t, c.PostForm("/logout", nil), http.StatusSeeOther, "/login", nil, nil)
	apptest.Check(t, c.Get("/office"), http.StatusSeeOther, "/login", nil, nil)
	if _, _, err := env.Store.FindSession(t.Context(), token); err == nil {
		t.Error("session still valid after logout")
	}
}

func TestRoles_GuardTheirAreas(t *testing.T) {
	env := apptest.New(t)
	env.CreateUser(store.RoleOffice, "office1", "")
	env.CreateUser(store.RoleExpert, "expert1", "")
	env.CreateUser(store.RoleApplicant, "jiangyin", "江阴市")
	office, expert, applicant := env.Login("office1"), env.Login("expert1"), env.Login("jiangyin")

	for _, s := range []apptest.Scenario{
		{Name: "AnonymousToOffice", Path: "/office", WantStatus: http.StatusSeeOther, WantLocation: "/login?next=%2Foffice"},
		{Name: "ExpertToOffice", As: expert, Path: "/office/users", WantStatus: http.StatusForbidden, WantContains: []string{"无权访问"}},
		{Name: "ApplicantToOffice", As: applicant, Path: "/office", WantStatus: http.StatusForbidden},
		{Name: "ApplicantToExpert", As: applicant, Path: "/expert", WantStatus: http.StatusForbidden},
		{Name: "OfficeToApplicant", As: office, Path: "/applicant", WantStatus: http.StatusForbidden},
		{Name: "ExpertPostToOffice", As: expert, Method: http.MethodPost, Path: "/office/users", WantStatus: http.StatusForbidden},
		{Name: "UnknownPageIsChinese404", As: office, Path: "/office/nope", WantStatus: http.StatusNotFound, WantContains: []string{"未找到"}},
	} {
		s.Run(t, env)
	}
}

func TestCSRF_RejectsStateChangesWithoutToken(t *testing.T) {
	env := apptest.New(t)
	env.CreateUser(store.RoleOffice, "office1", "")
	office := env.Login("office1")
	for _, s := range []apptest.Scenario{
		{Name: "LoginWithoutToken", Method: http.MethodPost, Path: "/login", NoCSRF: true,
			Form: url.Values{"username": {"office1"}, "password": {apptest.DefaultPassword}}, WantStatus: http.StatusForbidden,
			WantContains: []string{"请刷新页面后重试"}},
		{Name: "LogoutWithoutToken", As: office, Method: http.MethodPost, Path: "/logout", NoCSRF: true, WantStatus: http.StatusForbidden},
		{Name: "WrongToken", As: office, Method: http.MethodPost, Path: "/office/users", NoCSRF: true,
			Form: url.Values{"csrf": {"forged-token-forged-token-forged-token-xx"}, "username": {"x"}}, WantStatus: http.StatusForbidden},
	} {
		s.Run(t, env)
	}
	// The session survived the forged logout.
	apptest.Check(t, office.Get("/office"), http.StatusOK, "", nil, nil)
}

func TestSecurityHeaders(t *testing.T) {
	env := apptest.New(t)
	res := env.Client().Get("/login")
	for h, want := range map[string]string{
		"Content-Security-Policy": "frame-ancestors 'none'",
		"X-Content-Type-Options":  "nosniff",
		"Referrer-Policy":         "same-origin",
	} {
		if got := res.Header.Get(h); !strings.Contains(got, want) {
			t.Errorf("%s = %q; want it to contain %q", h, got, want)
		}
	}
	if strings.Contains(res.Header.Get("Content-Security-Policy"), "unsafe-inline") {
		t.Error("CSP allows inline script")
	}
}

func TestPasswordChange(t *testing.T) {
	env := apptest.New(t)
	env.CreateUser(store.RoleExpert, "expert1", "")
	c := env.Login("expert1")
	other := env.Login("expert1")

	apptest.Scenario{Name: "WeakPassword", As: c, Method: http.MethodPost, Path: "/account/password",
		Form:       url.Values{"current": {apptest.DefaultPassword}, "new": {"short"}, "confirm": {"short"}},
		WantStatus: http.StatusUnprocessableEntity, WantContains: []string{"密码至少 8 位"}}.Run(t, env)
	apptest.Scenario{Name: "WrongCurrent", As: c, Method: http.MethodPost, Path: "/account/password",
		Form:       url.Values{"current": {"nope"}, "new": {"NewPassw0rd"}, "confirm": {"NewPassw0rd"}},
		WantStatus: http.StatusUnprocessableEntity, WantContains: []string{"当前密码不正确"}}.Run(t, env)
	apptest.Scenario{Name: "OK", As: c, Method: http.MethodPost, Path: "/account/password",
		Form:       url.Values{"current": {apptest.DefaultPassword}, "new": {"NewPassw0rd"}, "confirm": {"NewPassw0rd"}},
		WantStatus: http.StatusSeeOther, WantLocation: "/expert"}.Run(t, env)

	apptest.Check(t, c.Get("/expert"), http.StatusOK, "", nil, nil)
	apptest.Check(t, other.Get("/expert"), http.StatusSeeOther, "/login", nil, nil) // other sessions ended
	apptest.Check(t, env.Client().Login("expert1", "NewPassw0rd"), http.StatusSeeOther, "/expert", nil, nil)
}
