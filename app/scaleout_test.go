package app_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"testing"

	"chainjudge/app"
	"chainjudge/app/apptest"
	"chainjudge/app/store"
	"chainjudge/app/store/storetest"
)

// TestTwoInstancesShareOnePostgres runs two app instances on one PostgreSQL
// database, as behind a load balancer: a session, its CSRF token and the
// login throttle started on one instance hold on the other.
func TestTwoInstancesShareOnePostgres(t *testing.T) {
	dsn := storetest.PostgresDSN(t)
	clock := &storetest.Clock{T: apptest.Start}
	open := func() *app.Server {
		st, err := store.Open(context.Background(), store.Options{DSN: dsn, Now: clock.Now, MaxOpenConns: 4})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { st.Close() })
		srv, err := app.New(app.Config{Now: clock.Now, DataDir: t.TempDir(),
			Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}, st)
		if err != nil {
			t.Fatal(err)
		}
		return srv
	}
	a, b := open(), open()
	envA := &apptest.Env{T: t, Server: a, Clock: clock}
	envB := &apptest.Env{T: t, Server: b, Clock: clock}
	st, err := store.Open(context.Background(), store.Options{DSN: dsn, Now: clock.Now})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	envA.Store = st
	envA.CreateUser(store.RoleOffice, "office1", "")

	browser := envA.Client()
	apptest.Check(t, browser.Login("office1", apptest.DefaultPassword), http.StatusSeeOther, "/office", nil, nil)
	onB := browser.On(envB)
	apptest.Check(t, onB.Get("/office"), http.StatusOK, "", []string{"工作台"}, nil)
	// A form rendered by A (its CSRF token) is accepted by B.
	apptest.Check(t, onB.PostForm("/office/users", url.Values{"role": {"office"}, "username": {"office2"}, "display_name": {"二号"}}),
		http.StatusCreated, "", []string{"已创建"}, nil)
	// Logging out on B ends the session on A too.
	apptest.Check(t, onB.PostForm("/logout", nil), http.StatusSeeOther, "/login", nil, nil)
	apptest.Check(t, browser.Get("/office"), http.StatusSeeOther, "/login", nil, nil)

	// Failed logins counted on A throttle logins on B.
	attacker := envA.Client()
	for i := 0; i < 5; i++ {
		attacker.Login("office1", "wrong-pass1")
	}
	apptest.Check(t, envB.Client().Login("office1", apptest.DefaultPassword), http.StatusTooManyRequests, "", nil, nil)
}
