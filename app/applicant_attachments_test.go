package app_test

import (
	"bytes"
	"context"
	"encoding/json"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"chainjudge/app"
	"chainjudge/app/apptest"
	"chainjudge/app/files"
	"chainjudge/app/files/filestest"
	"chainjudge/app/store"
)

// noStoredBytes fails when any attachment row or blob exists.
func noStoredBytes(t *testing.T, fe *filingEnv, id int64, sums ...string) {
	t.Helper()
	ctx := context.Background()
	if atts, _ := fe.env.Store.FindAttachments(ctx, id); len(atts) != 0 {
		t.Errorf("attachments = %+v; want none stored", atts)
	}
	for _, sum := range sums {
		if _, err := fe.env.Store.Blobs().Get(ctx, sum); err == nil {
			t.Errorf("blob %s was stored", sum[:12])
		}
	}
}

func TestUpload_RefusesWithoutStoringAnything(t *testing.T) {
	fe := newFilingEnv(t, limits(8<<10, 1<<20))
	id := fe.create(t, fe.jy, fe.chain)
	big := append(filestest.PDF("big"), bytes.Repeat([]byte("%"), 9<<10)...)
	png := filestest.PNG()
	for _, tc := range []struct {
		name        string
		requirement string
		file        apptest.File
		status      int
		want        string
	}{
		{"Oversized", "application_form", apptest.File{Field: "file", Name: "大文件.pdf", Data: big},
			http.StatusRequestEntityTooLarge, "文件“大文件.pdf”超过 8 KB 的上限"},
		{"PNGNamedPDF", "application_form", apptest.File{Field: "file", Name: "申报书.pdf", Data: png},
			http.StatusUnsupportedMediaType, "扩展名表示PDF 文件，但内容是PNG 图片"},
		{"ExecutableNamedPDF", "application_form", apptest.File{Field: "file", Name: "申报书.pdf", Data: filestest.EXE()},
			http.StatusUnsupportedMediaType, "可执行程序"},
		{"ZipNamedXLSX", "enterprise_project_list", apptest.File{Field: "file", Name: "清单.xlsx", Data: filestest.Zip(map[string]string{"a.txt": "x"})},
			http.StatusUnsupportedMediaType, "ZIP 压缩包"},
		{"KindNotAccepted", "application_form", apptest.File{Field: "file", Name: "清单.xlsx", Data: filestest.XLSX("x")},
			http.StatusUnsupportedMediaType, "只接受"},
		{"UnknownRequirement", "nope", apptest.File{Field: "file", Name: "a.pdf", Data: filestest.PDF("a")},
			http.StatusUnprocessableEntity, "请选择附件类别"},
		{"NoFile", "application_form", apptest.File{Field: "other", Name: "a.pdf", Data: filestest.PDF("a")},
			http.StatusUnprocessableEntity, "请选择要上传的文件"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := upload(fe.jy, id, tc.requirement, tc.file)
			apptest.Check(t, res, tc.status, "", []string{tc.want, "填写申报书"}, nil)
			noStoredBytes(t, fe, id, files.SHA256(tc.file.Data))
		})
	}

	t.Run("APIAnswersWithTheFieldPath", func(t *testing.T) {
		res := postFileJSON(t, fe.jy, id, "application_form", "申报书.pdf", png)
		var body map[string]any
		_ = json.Unmarshal([]byte(res.Body), &body)
		fields, _ := body["fields"].(map[string]any)
		if res.Code != http.StatusUnsupportedMediaType || fields["attachments.application_form"] == nil {
			t.Errorf("API upload: %d %s; want 415 with attachments.application_form", res.Code, res.Body)
		}
	})

	t.Run("DuplicateAndTotal", func(t *testing.T) {
		pdf := filestest.PDF("scan")
		apptest.Check(t, upload(fe.jy, id, "application_form", apptest.File{Field: "file", Name: "扫描件.pdf", Data: pdf}),
			http.StatusSeeOther, "", nil, nil)
		res := upload(fe.jy, id, "statistics_proof", apptest.File{Field: "file", Name: "又一份.pdf", Data: pdf})
		apptest.Check(t, res, http.StatusConflict, "", []string{"同一文件已经上传过（“扫描件.pdf”）"}, nil)
		atts, _ := fe.env.Store.FindAttachments(context.Background(), id)
		if len(atts) != 1 {
			t.Errorf("attachments = %d; want the first upload only", len(atts))
		}
	})
}

func TestUpload_DossierTotalCap(t *testing.T) {
	fe := newFilingEnv(t, limits(8<<10, 10<<10))
	id := fe.create(t, fe.jy, fe.chain)
	first, second := padPDF("one", 6<<10), padPDF("two", 6<<10)
	apptest.Check(t, upload(fe.jy, id, "application_form", apptest.File{Field: "file", Name: "一.pdf", Data: first}),
		http.StatusSeeOther, "", nil, nil)
	res := upload(fe.jy, id, "statistics_proof", apptest.File{Field: "file", Name: "二.pdf", Data: second})
	apptest.Check(t, res, http.StatusConflict, "", []string{"附件合计将达到", "超过 10 KB 的上限"}, nil)
	if atts, _ := fe.env.Store.FindAttachments(context.Background(), id); len(atts) != 1 {
		t.Errorf("attachments = %d; want 1", len(atts))
	}
	if _, err := fe.env.Store.Blobs().Get(context.Background(), files.SHA256(second)); err == nil {
		t.Error("the refused file's bytes were kept")
	}
}

// padPDF is a PDF grown by a comment line of n bytes after its header, so
// its end (and %%EOF) stays where a reader looks for it.
func padPDF(text string, n int) []byte {
	pdf := filestest.PDF(text)
	head, rest, _ := bytes.Cut(pdf, []byte("\n"))
	out := append([]byte{}, head...)
	out = append(out, []byte("\n%"+strings.Repeat("x", n)+"\n")...)
	return append(out, rest...)
}

func TestUpload_DownloadAndDelete(t *testing.T) {
	fe := newFilingEnv(t)
	id := fe.create(t, fe.jy, fe.chain)
	data := filestest.XLSX("重点企业清单")
	res := upload(fe.jy, id, "enterprise_project_list", apptest.File{Field: "file", Name: "重点企业和项目清单.xlsx", Data: data})
	apptest.Check(t, res, http.StatusSeeOther, "/applicant/dossiers/"+itoa(id)+"/edit#f-attachments.enterprise_project_list", nil, nil)
	atts, _ := fe.env.Store.FindAttachments(context.Background(), id)
	if len(atts) != 1 || atts[0].SHA256 != files.SHA256(data) || atts[0].Kind != "xlsx" || atts[0].Storage != store.StorageDB {
		t.Fatalf("attachments = %+v", atts)
	}
	for _, c := range []*apptest.Client{fe.jy, fe.office} {
		prefix := "/applicant"
		if c == fe.office {
			prefix = "/office"
		}
		got := c.Get(prefix + "/dossiers/" + itoa(id) + "/attachments/" + itoa(atts[0].ID))
		if got.Code != http.StatusOK || got.Body != string(data) ||
			got.Header.Get("Content-Type") != files.ContentType("xlsx") ||
			!strings.Contains(got.Header.Get("Content-Disposition"), "attachment") ||
			!strings.Contains(got.Header.Get("Content-Disposition"), "filename*=utf-8''%E9%87%8D") {
			t.Errorf("%s download: %d %v", prefix, got.Code, got.Header)
		}
	}
	apptest.Check(t, fe.jy.Get("/applicant/dossiers/"+itoa(id)+"/edit"), http.StatusOK, "", []string{"重点企业和项目清单.xlsx",
		files.SHA256(data)[:12]}, nil)
	res = fe.jy.PostForm("/applicant/dossiers/"+itoa(id)+"/attachments/"+itoa(atts[0].ID)+"/delete", nil)
	apptest.Check(t, res, http.StatusSeeOther, "", nil, nil)
	noStoredBytes(t, fe, id, files.SHA256(data))
}

func TestUpload_StorageDirectory(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "files")
	fe := newFilingEnv(t, func(c *app.Config) { c.FilesDir = dir })
	id := fe.create(t, fe.jy, fe.chain)
	data := filestest.JPEG()
	apptest.Check(t, upload(fe.jy, id, "photos", apptest.File{Field: "file", Name: "园区.jpg", Data: data}), http.StatusSeeOther, "", nil, nil)
	sum := files.SHA256(data)
	if got, err := os.ReadFile(filepath.Join(dir, sum[:2], sum)); err != nil || !bytes.Equal(got, data) {
		t.Fatalf("file in the directory: %v", err)
	}
	if _, err := fe.env.Store.Blobs().Get(context.Background(), sum); err == nil {
		t.Error("bytes also went into the database")
	}
	atts, _ := fe.env.Store.FindAttachments(context.Background(), id)
	got := fe.jy.Get("/applicant/dossiers/" + itoa(id) + "/attachments/" + itoa(atts[0].ID))
	if got.Code != http.StatusOK || got.Body != string(data) || got.Header.Get("Content-Type") != "image/jpeg" {
		t.Errorf("download: %d %s", got.Code, got.Header.Get("Content-Type"))
	}
	// Bytes changed on disk are refused rather than served.
	if err := os.WriteFile(filepath.Join(dir, sum[:2], sum), []byte("tampered"), 0o600); err != nil {
		t.Fatal(err)
	}
	if got := fe.jy.Get("/applicant/dossiers/" + itoa(id) + "/attachments/" + itoa(atts[0].ID)); got.Code != http.StatusInternalServerError {
		t.Errorf("tampered file served: %d", got.Code)
	}
	apptest.Check(t, fe.jy.PostForm("/applicant/dossiers/"+itoa(id)+"/attachments/"+itoa(atts[0].ID)+"/delete", nil),
		http.StatusSeeOther, "", nil, nil)
	if _, err := os.Stat(filepath.Join(dir, sum[:2], sum)); !os.IsNotExist(err) && err != nil {
		t.Errorf("stat after delete: %v", err)
	} else if err == nil {
		t.Error("the unused file is still in the directory")
	}
}

// postFileJSON uploads one file as an API client (Accept: application/json).
func postFileJSON(t *testing.T, c *apptest.Client, id int64, requirement, name string, data []byte) *apptest.Response {
	t.Helper()
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	_ = w.WriteField("requirement", requirement)
	part, err := w.CreateFormFile("file", name)
	if err != nil {
		t.Fatal(err)
	}
	_, _ = part.Write(data)
	_ = w.Close()
	req := httptest.NewRequest(http.MethodPost, "/applicant/dossiers/"+itoa(id)+"/attachments?csrf="+url.QueryEscape(c.CSRF()), &body)
	req.Header.Set("Content-Type", w.FormDataContentType())
	req.Header.Set("Accept", "application/json")
	return c.Do(req)
}
