package app

import (
	"log/slog"
	"time"

	"chainjudge/reports"
	"chainjudge/reports/fonts"
)

// Config is everything the server needs from its environment. main builds it
// from flags and environment variables; nothing in app reads either.
type Config struct {
	// Addr is the host:port to listen on.
	Addr string
	// DataDir holds the SQLite database (when DSN names no PostgreSQL) and
	// the attachment directory when files are kept on disk.
	DataDir string
	// BaseURL is the public URL of the site (used in printed links and to
	// decide whether cookies must be Secure).
	BaseURL string
	// SecureCookies forces the Secure flag on cookies (set it behind a TLS
	// reverse proxy; requests that arrive over TLS get it anyway).
	SecureCookies bool
	// TrustProxy takes the client address from X-Forwarded-For (set it only
	// behind a reverse proxy that overwrites that header).
	TrustProxy bool
	// Now is the clock; tests inject one to check deadlines.
	Now func() time.Time
	// Logger receives request and error logs.
	Logger *slog.Logger

	// SessionIdle ends a session after this long without requests.
	SessionIdle time.Duration
	// SessionMax ends a session this long after login whatever happens.
	SessionMax time.Duration
	// LoginMaxFailures is how many failed logins per account within
	// LoginWindow lock the account's logins for the rest of the window.
	LoginMaxFailures int
	// LoginMaxFailuresPerAddr is the same limit per remote address.
	LoginMaxFailuresPerAddr int
	// LoginWindow is the throttling window.
	LoginWindow time.Duration
	// BcryptCost is the password hashing cost (≥ 10).
	BcryptCost int

	// MaxUploadBytes caps one attachment; MaxDossierBytes caps all
	// attachments of one dossier.
	MaxUploadBytes  int64
	MaxDossierBytes int64
	// FilesDir, when set, keeps attachment bytes in this directory (e.g.
	// DataDir/files) instead of the database; every instance must see it.
	FilesDir string
	// Fonts are the fonts every PDF document is set in, e.g. the embedded
	// ones with a licensed 仿宋 as body font (main loads --body-font once at
	// start-up); nil uses the embedded fonts.
	Fonts *fonts.Set
}

// DocumentOptions are the rendering options of every PDF document.
func (c Config) DocumentOptions() reports.Options {
	return reports.Options{Fonts: c.Fonts}
}

// withDefaults fills unset fields.
func (c Config) withDefaults() Config {
	if c.Addr == "" {
		c.Addr = "127.0.0.1:8080"
	}
	if c.DataDir == "" {
		c.DataDir = "./data"
	}
	if c.Now == nil {
		c.Now = time.Now
	}
	if c.Logger == nil {
		c.Logger = slog.Default()
	}
	if c.SessionIdle == 0 {
		c.SessionIdle = 4 * time.Hour
	}
	if c.SessionMax == 0 {
		c.SessionMax = 12 * time.Hour
	}
	if c.LoginMaxFailures == 0 {
		c.LoginMaxFailures = 5
	}
	if c.LoginMaxFailuresPerAddr == 0 {
		c.LoginMaxFailuresPerAddr = 30
	}
	if c.LoginWindow == 0 {
		c.LoginWindow = 15 * time.Minute
	}
	if c.BcryptCost < 10 {
		c.BcryptCost = 10
	}
	if c.MaxUploadBytes == 0 {
		c.MaxUploadBytes = 20 << 20
	}
	if c.MaxDossierBytes == 0 {
		c.MaxDossierBytes = 200 << 20
	}
	return c
}
