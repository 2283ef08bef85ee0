// Package app is chainjudge's web service: the echo server, its route table,
// middleware and handlers. Handlers stay thin: they bind a form, call the
// store or a pure package (scoring, rubrics, reports), and render a page.
package app

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"net"
	"net/http"
	"time"

	"chainjudge/app/store"
	"chainjudge/reports"
	"chainjudge/templates"

	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"
)

// Server is the chainjudge web application.
type Server struct {
	cfg   Config
	store *store.Store
	echo  *echo.Echo
	tpl   *renderer
	log   *slog.Logger
}

// New builds the server on an open store.
func New(cfg Config, st *store.Store) (*Server, error) {
	cfg = cfg.withDefaults()
	tpl, err := newRenderer()
	if err != nil {
		return nil, err
	}
	s := &Server{cfg: cfg, store: st, tpl: tpl, log: cfg.Logger}
	e := echo.New()
	e.HideBanner, e.HidePort = true, true
	e.HTTPErrorHandler = s.handleError
	// Login throttling keys on the client address, so it must not come from
	// a header any client can set.
	e.IPExtractor = echo.ExtractIPDirect()
	if cfg.TrustProxy {
		e.IPExtractor = echo.ExtractIPFromXFFHeader()
	}
	e.Use(middleware.Recover())
	e.Use(securityHeaders)
	static, err := fs.Sub(templates.FS, "static")
	if err != nil {
		return nil, err
	}
	e.StaticFS("/static", static)
	e.Use(s.limitBody)
	e.Use(s.loadSession)
	e.Use(s.csrfProtect)
	s.echo = e
	s.routes()
	return s, nil
}

// MaxUploadBytes is the configured cap on one uploaded file.
func (s *Server) MaxUploadBytes() int64 { return s.cfg.MaxUploadBytes }

// docOptions are the options every PDF the server sends is rendered with.
func (s *Server) docOptions() reports.Options { return s.cfg.DocumentOptions() }

// now is the server's clock.
func (s *Server) now() time.Time { return s.cfg.Now() }

// ServeHTTP makes the server an http.Handler (tests drive it directly).
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.echo.ServeHTTP(w, r)
}

// Routes lists every registered route as "METHOD path", for the permission
// matrix test.
func (s *Server) Routes() []string {
	var out []string
	for _, r := range s.echo.Routes() {
		out = append(out, r.Method+" "+r.Path)
	}
	return out
}

// Run serves on cfg.Addr until ctx is cancelled, then shuts down gracefully.
// ready, if not nil, is called once the listener is open.
func (s *Server) Run(ctx context.Context, ready func(addr string)) error {
	srv := &http.Server{
		Addr:              s.cfg.Addr,
		Handler:           s,
		ReadHeaderTimeout: 10 * time.Second,
		IdleTimeout:       2 * time.Minute,
	}
	ln, err := net.Listen("tcp", s.cfg.Addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", s.cfg.Addr, err)
	}
	if ready != nil {
		ready(ln.Addr().String())
	}
	go s.sweepSessions(ctx)
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// sweepSessions deletes expired sessions and old login failures hourly.
// Any instance may do it; the deletes are idempotent.
func (s *Server) sweepSessions(ctx context.Context) {
	t := time.NewTicker(time.Hour)
	defer t.Stop()
	for {
		if _, err := s.store.DeleteExpiredSessions(ctx, 7*24*time.Hour, 24*time.Hour); err != nil && ctx.Err() == nil {
			s.log.Warn("sweep sessions", "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
