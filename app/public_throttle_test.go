package app_test

import (
	"context"
	"net/http"
	"net/url"
	"testing"
	"time"

	"chainjudge/app/apptest"
	"chainjudge/app/store"
)

func TestObjections_ThrottledPerAddress(t *testing.T) {
	r := newResultsEnv(t)
	r.throughSelect(t)
	compPath := r.path("/office/competitions/%d", r.comp.ID)
	apptest.Check(t, r.office.PostForm(compPath+"/winners", url.Values{"all": {"1"}}), http.StatusSeeOther, "", nil, nil)
	apptest.Check(t, r.office.PostForm(compPath+"/publicity", publicityForm(r.env)), http.StatusSeeOther, "/office/notices/", nil, nil)
	notices, _ := r.env.Store.FindNotices(context.Background(), store.NoticeFilter{CompetitionID: r.comp.ID})
	objPath := r.path("/public/notices/%d/objections", notices[0].ID)

	flooder := r.env.Client()
	flooder.RemoteAddr = "198.51.100.77:40000"
	for i := 0; i < 10; i++ {
		apptest.Check(t, flooder.PostMultipart(objPath, objection(r.dossiers[0])), http.StatusSeeOther, "", nil, nil)
	}
	res := flooder.PostMultipart(objPath, objection(r.dossiers[0]))
	apptest.Check(t, res, http.StatusTooManyRequests, "", []string{"一小时内提交的异议过多"}, nil)

	other := r.env.Client()
	other.RemoteAddr = "198.51.100.78:40000"
	apptest.Check(t, other.PostMultipart(objPath, objection(r.dossiers[1])), http.StatusSeeOther, "", nil, nil)

	r.env.Clock.Advance(61 * time.Minute)
	apptest.Check(t, flooder.PostMultipart(objPath, objection(r.dossiers[0])), http.StatusSeeOther, "", nil, nil)
	objs, _ := r.env.Store.FindObjections(context.Background(), store.ObjectionFilter{NoticeID: notices[0].ID})
	if len(objs) != 12 {
		t.Errorf("objections stored = %d; want 12 (the refused one not stored)", len(objs))
	}
}
