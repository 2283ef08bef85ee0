package files_test

import (
	"bytes"
	"strings"
	"testing"

	"chainjudge/app/files"
	"chainjudge/app/files/filestest"
	"chainjudge/rubrics"
)

func TestSniff_RealFiles(t *testing.T) {
	for _, tc := range []struct {
		name string
		data []byte
		want rubrics.FileKind
	}{
		{"PDF", filestest.PDF("hello"), rubrics.FilePDF},
		{"PNG", filestest.PNG(), rubrics.FilePNG},
		{"JPEG", filestest.JPEG(), rubrics.FileJPEG},
		{"XLSX", filestest.XLSX("重点企业清单"), rubrics.FileXLSX},
		{"DOCX", filestest.DOCX("政策包"), rubrics.FileDOCX},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := files.Sniff(tc.data)
			if err != nil || got != tc.want {
				t.Errorf("Sniff = %q, %v; want %q", got, err, tc.want)
			}
		})
	}
}

func TestSniff_RefusesWithAReason(t *testing.T) {
	xlsx := filestest.XLSX("x")
	macro := filestest.Zip(map[string]string{
		"[Content_Types].xml": `<Types><Override PartName="/xl/workbook.xml" ContentType="application/vnd.ms-excel.sheet.macroEnabled.main+xml"/></Types>`,
		"xl/workbook.xml":     "<workbook/>",
	})
	noPart := filestest.Zip(map[string]string{
		"[Content_Types].xml": `<Types><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`,
	})
	pdf := filestest.PDF("x")
	for _, tc := range []struct {
		name string
		data []byte
		want string
	}{
		{"Empty", nil, "文件为空"},
		{"Executable", filestest.EXE(), "可执行程序"},
		{"HTML", []byte("<!DOCTYPE html><html><script>alert(1)</script>"), "网页"},
		{"PlainZip", filestest.Zip(map[string]string{"a.txt": "x"}), "ZIP 压缩包"},
		{"MacroWorkbook", macro, "含宏"},
		{"DocxWithoutDocument", noPart, "不是 Word"},
		{"TruncatedXLSX", xlsx[:len(xlsx)/2], "已损坏"},
		{"TruncatedPDF", pdf[:len(pdf)-10], "PDF 文件不完整"},
		{"PNGHeaderOnly", filestest.PNG()[:8], "PNG 图片已损坏"},
		{"JPEGMagicOnly", []byte{0xFF, 0xD8, 0xFF, 0xE0, 0, 0}, "JPEG 图片已损坏"},
		{"OldWord", append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 100)...), "旧版 Office"},
		{"Text", []byte("只是一些文字"), "无法识别"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			kind, err := files.Sniff(tc.data)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("Sniff = %q, %v; want an error containing %q", kind, err, tc.want)
			}
		})
	}
}

func TestReadCapped(t *testing.T) {
	data := bytes.Repeat([]byte("a"), 100)
	got, sum, err := files.ReadCapped(bytes.NewReader(data), 100)
	if err != nil || len(got) != 100 || sum != files.SHA256(data) {
		t.Errorf("at the cap: %d bytes, %s, %v", len(got), sum, err)
	}
	if _, _, err := files.ReadCapped(bytes.NewReader(data), 99); err != files.ErrTooLarge {
		t.Errorf("over the cap: err = %v; want ErrTooLarge", err)
	}
	// The reader must stop at cap+1 bytes, not drain an endless stream.
	if _, _, err := files.ReadCapped(endless{}, 1<<10); err != files.ErrTooLarge {
		t.Errorf("endless stream: err = %v; want ErrTooLarge", err)
	}
}

type endless struct{}

func (endless) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = 'x'
	}
	return len(p), nil
}

func TestDir_PutGetDelete(t *testing.T) {
	d := files.Dir{Root: t.TempDir()}
	data := filestest.PNG()
	sum := files.SHA256(data)
	ctx := t.Context()
	if err := d.Put(ctx, sum, data); err != nil {
		t.Fatal(err)
	}
	if err := d.Put(ctx, sum, data); err != nil {
		t.Fatalf("second Put: %v", err)
	}
	got, err := d.Get(ctx, sum)
	if err != nil || !bytes.Equal(got, data) {
		t.Fatalf("Get = %d bytes, %v", len(got), err)
	}
	if err := d.Put(ctx, sum, []byte("other")); err == nil {
		t.Error("Put accepted bytes that do not match the sum")
	}
	if _, err := d.Get(ctx, "../../etc/passwd"); err == nil {
		t.Error("Get accepted a path instead of a sum")
	}
	if err := d.Delete(ctx, sum); err != nil {
		t.Fatal(err)
	}
	if _, err := d.Get(ctx, sum); err == nil {
		t.Error("Get after Delete succeeded")
	}
	if err := d.Delete(ctx, sum); err != nil {
		t.Errorf("Delete of a missing file: %v", err)
	}
}
