package main

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
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

// demoLoginLine is one printed demo account: username, password, role and
// what the account finds.
var demoLoginLine = regexp.MustCompile(`用户名 (\S+) +密码 (\S+)  ([^：\n]+)：(.*)`)

// TestServe_DemoPrintsLoginsAndServes starts the demo and logs in with
// every account it prints: each leads to content — the expert to sheets
// waiting in the 2026 review, the applicants to their bids.
func TestServe_DemoPrintsLoginsAndServes(t *testing.T) {
	dir := t.TempDir()
	base, out, stop := startServe(t, "--demo", "--addr", "127.0.0.1:0", "--data", filepath.Join(dir, "data"))
	text := out.String()
	for _, want := range []string{"演示账号", "office", "jiangyin", "wuxi", "demo2026", "份评分表待完成", "畸低评分待说明理由"} {
		if !strings.Contains(text, want) {
			t.Errorf("startup output lacks %q:\n%s", want, text)
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
	printed := demoLoginLine.FindAllStringSubmatch(text, -1)
	roles := map[string]int{}
	for _, l := range printed {
		user, password, role, note := l[1], l[2], l[3], l[4]
		roles[role]++
		home := demoLogin(t, base, user, password)
		switch role {
		case "评审专家":
			waiting := strings.Contains(home, "未开始") || strings.Contains(home, "草稿（")
			if !strings.Contains(home, "我的评审") || strings.Contains(home, "目前没有分配给您的评审任务") ||
				strings.Contains(note, "评分表待完成") && !waiting ||
				strings.Contains(note, "待说明理由") && !strings.Contains(home, "项待说明") {
				t.Errorf("expert %s (%s) does not find that:\n%s", user, note, home)
			}
		case "申报单位":
			if !strings.Contains(home, "我的申报") || strings.Contains(home, "尚未创建申报书") || !strings.Contains(home, "产业链") {
				t.Errorf("applicant %s has no bid:\n%s", user, home)
			}
		default:
			if !strings.Contains(home, "退出") {
				t.Errorf("%s (%s) is not logged in:\n%s", user, role, home)
			}
		}
	}
	if roles["领导小组办公室"] != 1 || roles["评审专家"] == 0 || roles["申报单位"] < 3 {
		t.Errorf("printed logins by role %v; want the office, an expert and a few applicants:\n%s", roles, text)
	}
	if code := stop(); code != 0 {
		t.Errorf("serve exit code = %d; want 0", code)
	}
	// A second start on the same data directory does not load the demo
	// twice, and prints the same logins.
	_, out2, stop2 := startServe(t, "--demo", "--addr", "127.0.0.1:0", "--data", filepath.Join(dir, "data"))
	if again := demoLoginLine.FindAllString(out2.String(), -1); strings.Join(again, "\n") != strings.Join(demoLoginLine.FindAllString(text, -1), "\n") {
		t.Errorf("second start printed other logins:\n%s", out2.String())
	}
	stop2()
}

// demoLogin signs in through the login form like a browser (CSRF cookie
// first) and returns the home page it lands on.
func demoLogin(t *testing.T, base, user, password string) string {
	t.Helper()
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar, Timeout: 30 * time.Second}
	res, err := c.Get(base + "login")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	u, _ := url.Parse(base)
	csrf := ""
	for _, ck := range jar.Cookies(u) {
		if ck.Name == "cj_csrf" {
			csrf = ck.Value
		}
	}
	res, err = c.PostForm(base+"login", url.Values{"username": {user}, "password": {password}, "csrf": {csrf}})
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	if res.StatusCode != http.StatusOK || res.Request.URL.Path == "/login" {
		t.Fatalf("login %s: %d at %s\n%s", user, res.StatusCode, res.Request.URL, body)
	}
	return string(body)
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
