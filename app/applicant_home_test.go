package app_test

import (
	"net/http"
	"testing"

	"chainjudge/app/apptest"
	"chainjudge/app/store"
)

// The applicant's home names the region as other pages do: by its name,
// with the city a county or development zone lies in, never with the
// catalogue's kind label 县（市、区）.
func TestApplicantHome_NamesTheRegionWithItsCity(t *testing.T) {
	env := apptest.New(t)
	for _, tc := range []struct{ user, region, want string }{
		{"jiangyin", "江阴市", "<strong>江阴市</strong>（无锡市）"},
		{"wuxi", "无锡市", "<strong>无锡市</strong>（设区市）"},
		{"sip", "苏州工业园区", "<strong>苏州工业园区</strong>（开发区，苏州市）"},
	} {
		t.Run(tc.user, func(t *testing.T) {
			env.CreateUser(store.RoleApplicant, tc.user, tc.region)
			apptest.Check(t, env.Login(tc.user).Get("/applicant"), http.StatusOK, "",
				[]string{"申报主体：" + tc.want}, []string{"县（市、区）"})
		})
	}
}
