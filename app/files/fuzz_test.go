package files_test

import (
	"bytes"
	"errors"
	"io"
	"maps"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"chainjudge/app/files"
	"chainjudge/app/files/filestest"
	"chainjudge/rubrics"
)

// signatures are the accepted kinds and the bytes a file of the kind starts
// with: Sniff goes by content, so an accepted file always starts so.
var signatures = map[rubrics.FileKind]string{
	rubrics.FilePDF:  "%PDF-",
	rubrics.FileJPEG: "\xff\xd8\xff",
	rubrics.FilePNG:  "\x89PNG\r\n\x1a\n",
	rubrics.FileXLSX: "PK\x03\x04",
	rubrics.FileDOCX: "PK\x03\x04",
}

// sniffSeeds are the real files of every accepted kind, by their bytes,
// and files that must be refused (kind ""), most of them those
// TestSniff_RefusesWithAReason refuses.
func sniffSeeds() map[string]rubrics.FileKind {
	xlsx, pdf := filestest.XLSX("重点企业清单"), filestest.PDF("hello")
	seeds := map[string]rubrics.FileKind{
		string(pdf):                        rubrics.FilePDF,
		string(filestest.PNG()):            rubrics.FilePNG,
		string(filestest.JPEG()):           rubrics.FileJPEG,
		string(xlsx):                       rubrics.FileXLSX,
		string(filestest.DOCX("政策包")):      rubrics.FileDOCX,
		"":                                 "",
		string(filestest.EXE()):            "",
		"<!DOCTYPE html><html>":            "",
		"\xef\xbb\xbf <svg/>":              "",
		"GIF89a":                           "",
		"Rar!\x1a\x07":                     "",
		"只是一些文字":                           "",
		string(xlsx[:len(xlsx)/2]):         "",
		string(pdf[:len(pdf)-10]):          "",
		string(filestest.PNG()[:8]):        "",
		"\xff\xd8\xff\xe0\x00\x00":         "",
		"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1": "",
		string(filestest.Zip(map[string]string{"a.txt": "x"})): "",
		string(filestest.Zip(map[string]string{
			"[Content_Types].xml": `<Types><Override PartName="/xl/workbook.xml" ContentType="application/vnd.ms-excel.sheet.macroEnabled.main+xml"/></Types>`,
			"xl/workbook.xml":     "<workbook/>",
		})): "",
		string(filestest.Zip(map[string]string{
			"[Content_Types].xml": `<Types><Override PartName="/ppt/presentation.xml" ContentType="application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"/></Types>`,
		})): "",
	}
	return seeds
}

// FuzzSniff feeds arbitrary bytes to Sniff. It must never panic nor change
// its input; it must answer either one of the five accepted kinds, whose
// signature the bytes start with, or a refusal in Chinese, never both or
// neither; the same bytes must always get the same answer; and the real
// files the package's tests use must be recognised as what they are.
func FuzzSniff(f *testing.F) {
	seeds := sniffSeeds()
	for _, data := range slices.Sorted(maps.Keys(seeds)) {
		f.Add([]byte(data))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		orig := bytes.Clone(data)
		kind, err := files.Sniff(data)
		if !bytes.Equal(data, orig) {
			t.Fatal("Sniff changed its input")
		}
		if want, known := seeds[string(data)]; known && want != "" && (kind != want || err != nil) {
			t.Fatalf("Sniff of a real %s file = %q, %v", want, kind, err)
		} else if known && want == "" && err == nil {
			t.Fatalf("Sniff accepted a file the tests refuse as %q", kind)
		}
		again, err2 := files.Sniff(bytes.Clone(data))
		if again != kind || errText(err2) != errText(err) {
			t.Fatalf("Sniff answered %q, %v and then %q, %v for the same bytes", kind, err, again, err2)
		}
		checkAnswer(t, data, kind, err)
	})
}

// FuzzReadCapped sends arbitrary bytes through the upload path, ReadCapped
// and then Sniff, in reads of arbitrary sizes under an arbitrary cap. Over
// the cap it must answer ErrTooLarge having read at most one byte past the
// cap; within it, the very bytes with their SHA-256, and Sniff must answer
// as it does for the bytes themselves.
func FuzzReadCapped(f *testing.F) {
	for _, data := range slices.Sorted(maps.Keys(sniffSeeds())) {
		f.Add([]byte(data), uint16(len(data)), uint8(0))
		f.Add([]byte(data), uint16(len(data)/2), uint8(7))
	}
	f.Add([]byte{}, uint16(0), uint8(1))
	f.Add([]byte("x"), uint16(0), uint8(2))
	f.Fuzz(func(t *testing.T, data []byte, max uint16, chunk uint8) {
		r := &chunkReader{data: data, chunk: int(chunk)%64 + 1, eofWithData: chunk%2 == 1}
		got, sum, err := files.ReadCapped(r, int64(max))
		if len(data) > int(max) {
			if !errors.Is(err, files.ErrTooLarge) || got != nil || sum != "" {
				t.Fatalf("%d bytes under a cap of %d: %d bytes, %q, %v; want ErrTooLarge", len(data), max, len(got), sum, err)
			}
			if r.off > int(max)+1 {
				t.Fatalf("read %d bytes under a cap of %d", r.off, max)
			}
			return
		}
		if err != nil || !bytes.Equal(got, data) || sum != files.SHA256(data) || !files.ValidSum(sum) {
			t.Fatalf("%d bytes under a cap of %d: %d bytes, %q, %v", len(data), max, len(got), sum, err)
		}
		kind, err := files.Sniff(got)
		want, wantErr := files.Sniff(data)
		if kind != want || errText(err) != errText(wantErr) {
			t.Fatalf("Sniff after ReadCapped = %q, %v; of the bytes themselves %q, %v", kind, err, want, wantErr)
		}
		checkAnswer(t, got, kind, err)
	})
}

// checkAnswer checks that Sniff's answer is an accepted kind or a refusal
// in Chinese.
func checkAnswer(t *testing.T, data []byte, kind rubrics.FileKind, err error) {
	t.Helper()
	if err != nil {
		msg := err.Error()
		if kind != "" {
			t.Fatalf("Sniff answered %q together with the refusal %q", kind, msg)
		}
		if !utf8.ValidString(msg) || !strings.ContainsFunc(msg, func(r rune) bool { return unicode.Is(unicode.Han, r) }) {
			t.Fatalf("refusal %q is not a Chinese sentence", msg)
		}
		return
	}
	sig, ok := signatures[kind]
	if !ok {
		t.Fatalf("Sniff accepted the kind %q, which is not one of the five", kind)
	}
	if !bytes.HasPrefix(data, []byte(sig)) {
		t.Fatalf("Sniff called %q bytes that start % x", kind, data[:min(len(data), 8)])
	}
	if files.ContentType(kind) == "application/octet-stream" || files.Label(kind) == string(kind) {
		t.Fatalf("accepted kind %q has no content type or label", kind)
	}
}

func errText(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

// chunkReader hands out data at most chunk bytes a read, and, when
// eofWithData is set, returns io.EOF together with the last bytes (both are
// allowed of an io.Reader).
type chunkReader struct {
	data        []byte
	off, chunk  int
	eofWithData bool
}

func (r *chunkReader) Read(p []byte) (int, error) {
	if r.off >= len(r.data) {
		return 0, io.EOF
	}
	n := copy(p[:min(len(p), r.chunk)], r.data[r.off:])
	r.off += n
	if r.eofWithData && r.off == len(r.data) {
		return n, io.EOF
	}
	return n, nil
}
