package app

import (
	"errors"
	"fmt"
	"net/http"
	"strings"

	"chainjudge/app/account"
	"chainjudge/app/store"

	"github.com/labstack/echo/v4"
	"golang.org/x/crypto/bcrypt"
)

// dummyHash is compared against when the username does not exist, so a
// wrong username costs the same time as a wrong password (no enumeration by
// timing).
var dummyHash, _ = bcrypt.GenerateFromPassword([]byte("chainjudge-dummy-password"), 10)

type loginPage struct {
	Next     string
	Username string
	Error    string
}

func (s *Server) handleLoginPage(c echo.Context) error {
	if u := currentUser(c); u != nil {
		return c.Redirect(http.StatusSeeOther, homePath(u.Role))
	}
	return s.render(c, http.StatusOK, "login.html", "登录", loginPage{Next: safeNext(c.QueryParam("next"))})
}

// errLoginFailed is the one message for every failed login: it never says
// whether the account exists.
const errLoginFailed = "用户名或密码错误"

// handleLogin checks the password, throttles repeated failures per account
// and per address, and starts a fresh session (a new token at every login,
// so a token planted before login is worthless).
func (s *Server) handleLogin(c echo.Context) error {
	ctx := c.Request().Context()
	username := store.NormalizeUsername(c.FormValue("username"))
	password := c.FormValue("password")
	next := safeNext(c.FormValue("next"))
	fail := func(status int, msg string) error {
		return s.render(c, status, "login.html", "登录", loginPage{Next: next, Username: username, Error: msg})
	}
	if username == "" || password == "" {
		return fail(http.StatusUnprocessableEntity, "请输入用户名和密码")
	}
	acctKey, addrKey := "acct:"+username, "addr:"+c.RealIP()
	since := s.now().Add(-s.cfg.LoginWindow)
	nAcct, err := s.store.CountThrottleEvents(ctx, acctKey, since)
	if err != nil {
		return err
	}
	nAddr, err := s.store.CountThrottleEvents(ctx, addrKey, since)
	if err != nil {
		return err
	}
	if nAcct >= int64(s.cfg.LoginMaxFailures) || nAddr >= int64(s.cfg.LoginMaxFailuresPerAddr) {
		// Attempts against a locked account still count against the
		// address, so spraying many accounts from one address hits a limit.
		if err := s.store.RecordThrottleEvent(ctx, addrKey); err != nil {
			return err
		}
		c.Response().Header().Set("Retry-After", fmt.Sprint(int(s.cfg.LoginWindow.Seconds())))
		return fail(http.StatusTooManyRequests, fmt.Sprintf("登录失败次数过多，请 %d 分钟后再试", int(s.cfg.LoginWindow.Minutes())))
	}
	u, err := s.store.FindUserByUsername(ctx, username)
	hash := dummyHash
	if err == nil {
		hash = []byte(u.PasswordHash)
	} else if !errors.Is(err, store.ErrNotFound) {
		return err
	}
	if bcrypt.CompareHashAndPassword(hash, []byte(password)) != nil || u == nil || u.Disabled {
		if err := s.store.RecordThrottleEvent(ctx, acctKey, addrKey); err != nil {
			return err
		}
		return fail(http.StatusUnauthorized, errLoginFailed)
	}
	if err := s.store.ClearThrottleEvents(ctx, acctKey); err != nil {
		return err
	}
	if old, err := c.Cookie(sessionCookie); err == nil && old.Value != "" {
		_ = s.store.DeleteSession(ctx, old.Value)
	}
	token := randomToken(32)
	if _, err := s.store.CreateSession(ctx, token, u.ID, s.cfg.SessionIdle, c.RealIP(), c.Request().UserAgent()); err != nil {
		return err
	}
	c.SetCookie(&http.Cookie{Name: sessionCookie, Value: token, Path: "/", HttpOnly: true,
		SameSite: http.SameSiteLaxMode, Secure: isSecure(c)})
	if u.MustChangePassword {
		return c.Redirect(http.StatusSeeOther, "/account/password")
	}
	if p, _ := s.pendingFormFor(c, u); p != nil {
		return c.Redirect(http.StatusSeeOther, "/resume")
	}
	if next == "" {
		next = homePath(u.Role)
	}
	return c.Redirect(http.StatusSeeOther, next)
}

func (s *Server) handleLogout(c echo.Context) error {
	if ck, err := c.Cookie(sessionCookie); err == nil && ck.Value != "" {
		if err := s.store.DeleteSession(c.Request().Context(), ck.Value); err != nil {
			return err
		}
	}
	clearCookie(c, sessionCookie)
	setFlash(c, "", "您已安全退出。")
	return c.Redirect(http.StatusSeeOther, "/login")
}

type passwordPage struct {
	Errors FieldErrors
}

func (s *Server) handlePasswordPage(c echo.Context) error {
	return s.render(c, http.StatusOK, "password.html", "修改密码", passwordPage{})
}

func (s *Server) handlePasswordChange(c echo.Context) error {
	u := currentUser(c)
	current, newPw, confirm := c.FormValue("current"), c.FormValue("new"), c.FormValue("confirm")
	errs := FieldErrors{}
	if !account.CheckPassword(u.PasswordHash, current) {
		errs.Add("current", "当前密码不正确")
	}
	if msg := account.PolicyProblem(newPw); msg != "" {
		errs.Add("new", msg)
	} else if newPw == current {
		errs.Add("new", "新密码不能与当前密码相同")
	}
	if confirm != newPw {
		errs.Add("confirm", "两次输入的新密码不一致")
	}
	if errs.Any() {
		return s.render(c, http.StatusUnprocessableEntity, "password.html", "修改密码", passwordPage{Errors: errs})
	}
	hash, err := account.HashPassword(newPw, s.cfg.BcryptCost)
	if err != nil {
		return err
	}
	sess, _ := c.Get(ctxSession).(*store.Session)
	keep := ""
	if sess != nil {
		keep = sess.TokenHash
	}
	if err := s.store.SetPassword(c.Request().Context(), store.UserActor(u), u.ID, hash, false, keep); err != nil {
		return err
	}
	setFlash(c, "", "密码已修改。其他设备上的登录已退出。")
	return c.Redirect(http.StatusSeeOther, homePath(u.Role))
}

// homePath is a role's home page.
func homePath(r store.Role) string {
	switch r {
	case store.RoleOffice:
		return "/office"
	case store.RoleApplicant:
		return "/applicant"
	case store.RoleExpert:
		return "/expert"
	}
	return "/"
}

// trimmed is a form value without surrounding white space.
func trimmed(c echo.Context, name string) string {
	return strings.TrimSpace(c.FormValue(name))
}
