package app_test

import (
	"net/http"
	"net/url"
	"testing"
	"time"

	"chainjudge/app/apptest"
	"chainjudge/app/store"
)

func TestAuditList_FiltersByActorAndDate(t *testing.T) {
	env := apptest.New(t)
	env.CreateUser(store.RoleOffice, "office1", "")
	other := env.CreateUser(store.RoleOffice, "office2", "")
	office := env.Login("office1")
	second := env.Login("office2")
	// office2 saves a setting today; office1 another one two days later.
	apptest.Check(t, second.PostForm("/office/notice-settings", url.Values{"issuer": {"甲"}, "doc_prefix": {"乙"}}),
		http.StatusSeeOther, "", nil, nil)
	env.Clock.Advance(48 * time.Hour)
	office = env.Login("office1")
	apptest.Check(t, office.PostForm("/office/notice-settings", url.Values{"issuer": {"丙"}, "doc_prefix": {"丁"}}),
		http.StatusSeeOther, "", nil, nil)

	byActor := office.Get("/office/audit?action=setting.&actor=" + itoa(other.ID))
	apptest.Check(t, byActor, http.StatusOK, "", []string{"共 2 条", "<small>甲</small>", "<td>office2（office2）</td>"},
		[]string{"<small>丙</small>", "<td>office1（office1）</td>"})
	// apptest.Start is 2 March 2026 (17:00 in Beijing); the second change is on 4 March.
	byDate := office.Get("/office/audit?action=setting.&from=2026-03-04&to=2026-03-04")
	apptest.Check(t, byDate, http.StatusOK, "", []string{"共 2 条", "<small>丙</small>", "<td>office1（office1）</td>"},
		[]string{"<td>office2（office2）</td>"})
	apptest.Check(t, office.Get("/office/audit?from=3月4日"), http.StatusOK, "", []string{"起始日期格式有误"}, nil)
}
