package app_test

import (
	"net/http"
	"net/url"
	"testing"
	"time"

	"chainjudge/app/apptest"
	"chainjudge/app/store"
)

func TestExpiredSession_KeepsTypedFormForSameUser(t *testing.T) {
	env := apptest.New(t)
	env.CreateUser(store.RoleOffice, "office1", "")
	env.CreateUser(store.RoleOffice, "office2", "")
	target := env.CreateUser(store.RoleExpert, "expert1", "")
	c := env.Login("office1")
	env.Clock.Advance(5 * time.Hour) // past the idle timeout

	form := url.Values{"display_name": {"陈立新（东南大学）"}, "phone": {"13800000000"}, "reason": {"更正姓名"}}
	res := c.PostForm("/office/users/"+itoa(target.ID), form)
	apptest.Check(t, res, http.StatusSeeOther, "/login?next=", nil, nil)
	if c.Cookie("cj_resume") == "" {
		t.Fatal("no resume cookie after posting with an expired session")
	}
	if u, _ := env.Store.FindUserByID(t.Context(), target.ID); u.DisplayName == "陈立新（东南大学）" {
		t.Fatal("the form was applied without a session")
	}

	t.Run("AnotherUserOnTheSameBrowserDoesNotSeeIt", func(t *testing.T) {
		other := *c // same cookies
		res := other.Login("office2", apptest.DefaultPassword)
		apptest.Check(t, res, http.StatusSeeOther, "/office", nil, nil)
		apptest.Check(t, other.Get("/resume"), http.StatusSeeOther, "/office", nil, []string{"陈立新"})
	})

	res = c.Login("office1", apptest.DefaultPassword)
	apptest.Check(t, res, http.StatusSeeOther, "/resume", nil, nil)
	page := c.Get("/resume")
	apptest.Check(t, page, http.StatusOK, "", []string{"继续提交", `value="陈立新（东南大学）"`, `action="/office/users/` + itoa(target.ID) + `"`}, nil)

	res = c.PostForm("/office/users/"+itoa(target.ID), form) // what the 继续提交 button posts
	apptest.Check(t, res, http.StatusSeeOther, "/office/users", nil, nil)
	if u, _ := env.Store.FindUserByID(t.Context(), target.ID); u.DisplayName != "陈立新（东南大学）" {
		t.Errorf("display name = %q; want the kept text", u.DisplayName)
	}
	apptest.Check(t, c.Get("/resume"), http.StatusSeeOther, "/office", nil, nil) // consumed
}
