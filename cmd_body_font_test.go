package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"chainjudge/app/apptest"
)

// shippedFont is one of the fonts embedded in the binary, as a file.
func shippedFont(name string) string { return filepath.Join("reports", "fonts", "ttf", name) }

// --body-font (or CHAINJUDGE_BODY_FONT) is loaded and checked before the
// service starts: anything but an embeddable TrueType font with the
// characters of a Chinese document stops it with a Chinese message.
func TestServe_BodyFontIsCheckedAtStart(t *testing.T) {
	dir := t.TempDir()
	notFont := filepath.Join(dir, "fangsong.ttf")
	if err := os.WriteFile(notFont, []byte("这不是字体文件，只是一段文字。"), 0o644); err != nil {
		t.Fatal(err)
	}
	data := filepath.Join(dir, "data")
	for _, c := range []struct {
		name string
		args []string
		env  string
		want string
	}{
		{"NotAFont", []string{"--body-font", notFont}, "", "不能用于 PDF：须为允许嵌入的 TrueType 字体"},
		{"FromTheEnvironment", nil, notFont, "正文字体文件 " + notFont + " 不能用于 PDF"},
		{"Missing", []string{"--body-font", filepath.Join(dir, "nope.ttf")}, "", "无法读取正文字体文件"},
		{"NoChinese", []string{"--body-font", shippedFont("ChainjudgeMono-Regular.ttf")}, "", "缺少字符“"},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Setenv("CHAINJUDGE_BODY_FONT", c.env)
			var out, errOut bytes.Buffer
			args := append([]string{"--addr", "127.0.0.1:0", "--data", data}, c.args...)
			code := runServe(context.Background(), args, &out, &errOut)
			if code == 0 || !strings.Contains(errOut.String(), c.want) {
				t.Errorf("serve %v: exit %d, stderr %q; want a non-zero exit and %q", c.args, code, errOut.String(), c.want)
			}
			if strings.Contains(out.String(), "已启动") {
				t.Error("the service started")
			}
		})
	}
	t.Run("ShippedBodyFont", func(t *testing.T) {
		_, _, stop := startServe(t, "--addr", "127.0.0.1:0", "--data", data, "--body-font", shippedFont("ChainjudgeSerifSC-Regular.ttf"))
		if code := stop(); code != 0 {
			t.Errorf("exit %d", code)
		}
	})
}

// The documents printed with --body-font are set in that font: the shipped
// body font given as a file prints exactly what the embedded one does,
// another font prints other PDFs with the same text.
func TestExportDocuments_BodyFont(t *testing.T) {
	apptest.SkipUnderRace(t)
	data, finished, _ := demoData(t)
	export := func(extra ...string) map[string][]byte {
		t.Helper()
		out := t.TempDir()
		args := append([]string{"export", "--data", data, "--competition", strconv.FormatInt(finished, 10), "--out", out, "--documents"}, extra...)
		code, stdout, stderr := runCmd(t, args...)
		if code != 0 {
			t.Fatalf("export %v: exit %d\n%s%s", extra, code, stdout, stderr)
		}
		files := map[string][]byte{}
		err := filepath.WalkDir(out, func(p string, d os.DirEntry, err error) error {
			if err == nil && !d.IsDir() {
				rel, _ := filepath.Rel(out, p)
				files[filepath.ToSlash(rel)], err = os.ReadFile(p)
			}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		return files
	}
	plain := export()
	shipped := export("--body-font", shippedFont("ChainjudgeSerifSC-Regular.ttf"))
	if len(shipped) != len(plain) || len(plain) == 0 {
		t.Fatalf("%d documents with the shipped body font; %d without", len(shipped), len(plain))
	}
	for name, b := range plain {
		if !bytes.Equal(shipped[name], b) {
			t.Errorf("%s differs when the embedded body font is given as a file", name)
		}
	}
	kai := export("--body-font", shippedFont("ChainjudgeKaiSC-Regular.ttf"))
	for name, b := range plain {
		if bytes.Equal(kai[name], b) {
			t.Errorf("%s is the same with another body font", name)
		}
	}
	if len(kai) != len(plain) {
		t.Errorf("%d documents with another body font; want %d", len(kai), len(plain))
	}
}

func TestExport_BodyFontIsChecked(t *testing.T) {
	code, _, stderr := runCmd(t, "export", "--data", t.TempDir(), "--competition", "1", "--out", t.TempDir(), "--documents",
		"--body-font", filepath.Join("README.md"))
	if code == 0 || !strings.Contains(stderr, "不能用于 PDF") {
		t.Errorf("exit %d, stderr %q; want a refusal", code, stderr)
	}
}
