package main

import (
	"bytes"
	"context"
	"net/http"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

// syncBuffer is a bytes.Buffer safe to read while the server writes.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// startServe runs `serve` with args in the background and returns the URL it
// printed and a function that stops it and returns its exit code.
func startServe(t *testing.T, args ...string) (string, *syncBuffer, func() int) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	var out, errOut syncBuffer
	done := make(chan int, 1)
	go func() { done <- runServe(ctx, args, &out, &errOut) }()
	urlRE := regexp.MustCompile(`http://[0-9.:]+/`)
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		// The last line of the start-up message says how to stop: once it is
		// there, everything before it has been printed.
		if text := out.String(); strings.Contains(text, "按 Ctrl+C 停止") {
			return urlRE.FindString(text), &out, func() int { cancel(); return <-done }
		}
		select {
		case code := <-done:
			t.Fatalf("serve exited with %d\nstdout: %s\nstderr: %s", code, out.String(), errOut.String())
		case <-time.After(20 * time.Millisecond):
		}
	}
	cancel()
	t.Fatalf("serve printed no URL\nstdout: %s\nstderr: %s", out.String(), errOut.String())
	return "", nil, nil
}

func TestServe_DemoPrintsLoginsAndServes(t *testing.T) {
	dir := t.TempDir()
	base, out, stop := startServe(t, "--demo", "--addr", "127.0.0.1:0", "--data", filepath.Join(dir, "data"))
	for _, want := range []string{"演示账号", "office", "expert01", "wuxi", "demo2026"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("startup output lacks %q:\n%s", want, out.String())
		}
	}
	res, err := http.Get(base + "healthz")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusOK {
		t.Errorf("GET /healthz = %d; want 200", res.StatusCode)
	}
	if code := stop(); code != 0 {
		t.Errorf("serve exit code = %d; want 0", code)
	}
	// A second start on the same data directory does not load the demo twice.
	_, out2, stop2 := startServe(t, "--demo", "--addr", "127.0.0.1:0", "--data", filepath.Join(dir, "data"))
	if !strings.Contains(out2.String(), "expert01") {
		t.Errorf("second start output lacks the demo logins:\n%s", out2.String())
	}
	stop2()
}

func TestServe_EmptyTellsHowToCreateOfficeAccount(t *testing.T) {
	dir := t.TempDir()
	_, out, stop := startServe(t, "--addr", "127.0.0.1:0", "--data", dir)
	defer stop()
	// The hint names the data directory being served: followed literally,
	// it creates the account where this server looks for it.
	if !strings.Contains(out.String(), "chainjudge user add --role office --username admin --name 管理员 --data '"+dir+"'") {
		t.Errorf("startup output lacks the first-account hint for %s:\n%s", dir, out.String())
	}
}

// TestServe_UploadCapsAreConfigurable: --max-upload-mb caps one attachment
// (and so every multipart body), refused before it is read; bad values are
// refused at start.
func TestServe_UploadCapsAreConfigurable(t *testing.T) {
	post := func(t *testing.T, base string, size int64) int {
		t.Helper()
		req, _ := http.NewRequest(http.MethodPost, base+"login", bytes.NewReader(make([]byte, size)))
		req.Header.Set("Content-Type", "multipart/form-data; boundary=B")
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			return 0
		}
		res.Body.Close()
		return res.StatusCode
	}
	base, _, stop := startServe(t, "--addr", "127.0.0.1:0", "--data", t.TempDir(), "--max-upload-mb", "1")
	if code := post(t, base, 3<<20); code != http.StatusRequestEntityTooLarge {
		t.Errorf("3 MB body with a 1 MB cap: status %d; want 413", code)
	}
	stop()
	base, _, stop = startServe(t, "--addr", "127.0.0.1:0", "--data", t.TempDir())
	if code := post(t, base, 3<<20); code == http.StatusRequestEntityTooLarge {
		t.Errorf("3 MB body with the default 20 MB cap: status 413")
	}
	stop()
	for _, args := range [][]string{{"--max-upload-mb", "0"}, {"--max-upload-mb", "30", "--max-dossier-mb", "20"}} {
		var out, errOut syncBuffer
		if code := runServe(context.Background(), append([]string{"--addr", "127.0.0.1:0", "--data", t.TempDir()}, args...),
			&out, &errOut); code != 2 || !strings.Contains(errOut.String(), "附件大小上限有误") {
			t.Errorf("serve %v: exit %d, stderr %q; want 2 with the reason", args, code, errOut.String())
		}
	}
	t.Setenv("CHAINJUDGE_MAX_UPLOAD_MB", "twenty")
	var out, errOut syncBuffer
	if code := runServe(context.Background(), []string{"--data", t.TempDir()}, &out, &errOut); code != 2 ||
		!strings.Contains(errOut.String(), "CHAINJUDGE_MAX_UPLOAD_MB") {
		t.Errorf("bad environment value: exit %d, stderr %q; want 2 naming the variable", code, errOut.String())
	}
}
