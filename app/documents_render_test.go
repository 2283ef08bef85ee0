package app

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"

	"chainjudge/reports"
)

// stubDocument writes its name, or fails.
type stubDocument struct {
	name string
	err  error
}

func (d stubDocument) Write(w io.Writer, _ reports.Options) error {
	if d.err != nil {
		return d.err
	}
	_, err := io.WriteString(w, d.name)
	return err
}

func (d stubDocument) FileName() string { return d.name + ".pdf" }

// renderAll renders on several workers yet returns the files in the order
// they were gathered, and names the document that failed.
func TestRenderAll_KeepsOrderAndNamesTheFailure(t *testing.T) {
	var docs []namedDocument
	for i := range 40 {
		name := fmt.Sprintf("doc-%02d", i)
		docs = append(docs, namedDocument{name + ".pdf", stubDocument{name: name}})
	}
	files, err := renderAll(docs, reports.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != len(docs) {
		t.Fatalf("%d files; want %d", len(files), len(docs))
	}
	for i, f := range files {
		want := fmt.Sprintf("doc-%02d", i)
		if f.Name != want+".pdf" || string(f.Data) != want {
			t.Errorf("file %d = %s %q; want %s.pdf %q", i, f.Name, f.Data, want, want)
		}
	}

	broken := errors.New("缺少字符“𠀀”")
	docs[17].doc = stubDocument{err: broken}
	_, err = renderAll(docs, reports.Options{})
	if !errors.Is(err, broken) || !strings.Contains(err.Error(), "doc-17.pdf") {
		t.Errorf("error %v; want the failure of doc-17.pdf", err)
	}
}
