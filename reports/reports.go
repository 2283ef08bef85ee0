// Package reports renders the competition's documents as PDF: the result
// notice (通知) and the 公示 in the GB/T 9704 official-document layout, and
// the score summary, expert score sheet, calculation sheet and submission
// receipt as forms on the same page grid.
//
// Each document is a plain struct the app fills from its data; numbers whose
// exact digits matter arrive as strings formatted by the scoring engine. The
// package never imports the app or the store. Documents are deterministic:
// the same view and options give the same bytes.
package reports

import (
	"bytes"
	"fmt"
	"io"
	"time"

	"chainjudge/reports/fonts"
	"chainjudge/reports/gbt9704"
)

// Document is any of the six documents.
type Document interface {
	// Write renders the document as PDF to w.
	Write(w io.Writer, opts Options) error
	// FileName suggests a download name ending in ".pdf".
	FileName() string
}

// Options are settings shared by all documents.
type Options struct {
	// Fonts replaces the embedded fonts, e.g. with a licensed 仿宋 as body
	// font (fonts.Default().WithBody(f)); nil uses the embedded fonts.
	Fonts *fonts.Set
	// Created is the creation date written into the PDF; zero uses the
	// document's own date, so output never depends on the clock.
	Created time.Time
	// SealGuide draws a dashed circle where the seal goes, for proofs.
	SealGuide bool
}

// Bytes renders doc into memory.
func Bytes(doc Document, opts Options) ([]byte, error) {
	var buf bytes.Buffer
	if err := doc.Write(&buf, opts); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// start validates a view and returns the fonts to render it with.
func (o Options) start(validate func() error) (fonts.Set, error) {
	if err := validate(); err != nil {
		return fonts.Set{}, err
	}
	return o.fontSet()
}

func (o Options) fontSet() (fonts.Set, error) {
	if o.Fonts != nil {
		return *o.Fonts, nil
	}
	set, err := fonts.Default()
	if err != nil {
		return fonts.Set{}, fmt.Errorf("load embedded fonts: %w", err)
	}
	return set, nil
}

// created is the PDF creation date: the option, else the document's date,
// in Beijing time (gofpdf writes the wall-clock time without a zone, so the
// zone is fixed here to keep the bytes independent of the caller's).
func (o Options) created(docDate time.Time) time.Time {
	if !o.Created.IsZero() {
		return o.Created.In(chinaTime)
	}
	return docDate.In(chinaTime)
}

// Issuer is the office that issues documents.
type Issuer struct {
	Name string // 发文机关全称, e.g. 江苏省制造强省建设领导小组办公室
	// Mark is the red 发文机关标志; empty uses Name + "文件".
	Mark string
}

func (i Issuer) mark() string {
	if i.Mark != "" {
		return i.Mark
	}
	return i.Name + "文件"
}

// DocNumber is a 发文字号: 机关代字〔year〕number号 (GB/T 9704 7.2.5).
type DocNumber struct {
	Prefix string // 机关代字, e.g. 苏制强办 (the office supplies its real one)
	Year   int
	Seq    int
}

// String formats the number with 六角括号, a full year and no leading zeros,
// e.g. "苏制强办〔2026〕12号".
func (n DocNumber) String() string {
	return fmt.Sprintf("%s〔%d〕%d号", n.Prefix, n.Year, n.Seq)
}

// render finishes a laid-out document and writes it.
func render(w io.Writer, d *gbt9704.Doc, numbered bool, meta gbt9704.Meta) error {
	pages, err := d.Pages(numbered)
	if err != nil {
		return err
	}
	return gbt9704.Render(w, pages, meta)
}

// ValidationError reports a required field left empty.
type ValidationError struct {
	Document string // e.g. "结果通知"
	Field    string // e.g. "Date"
	Label    string // e.g. "成文日期"
}

// Error names the document and the field in Chinese and English.
func (e *ValidationError) Error() string {
	return fmt.Sprintf("%s缺少“%s”，无法生成 PDF (%s: field %s is required)", e.Document, e.Label, e.Document, e.Field)
}

// required returns a *ValidationError for the first empty field.
func required(doc string, fields ...requiredField) error {
	for _, f := range fields {
		if f.empty {
			return &ValidationError{Document: doc, Field: f.name, Label: f.label}
		}
	}
	return nil
}

type requiredField struct {
	name, label string
	empty       bool
}

func need(name, label string, empty bool) requiredField {
	return requiredField{name: name, label: label, empty: empty}
}
