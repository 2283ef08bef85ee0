package reports

import (
	"fmt"
	"math"
	"strconv"

	"chainjudge/reports/gbt9704"
)

// ListEntry is one row of a winners or candidates list.
type ListEntry struct {
	Chain       string   // 产业链, e.g. 无锡市物联网产业链
	CoreArea    string   // 核心区, e.g. 无锡市新吴区
	CollabAreas []string // 协同区, in the order the dossier lists them
	Note        string   // 备注; the column appears only if some entry has one
}

// listTableSize is the attachment table's text size: 小四, so a list of
// fifty chains takes three pages.
const listTableSize = gbt9704.SizeSmall4

// listCellPad is the horizontal padding of the list's cells, mm.
const listCellPad = 1.5

// listTable lays out the attachment list: 序号, 产业链, 核心区, 协同区 and,
// when needed, 备注. Region names are kept whole when a cell wraps. field is
// the view's field name for the entries ("Winners").
func listTable(d *gbt9704.Doc, entries []ListEntry, field string) gbt9704.Table {
	body := func(text, f string) gbt9704.Span {
		return gbt9704.Span{Text: text, Font: d.Fonts.Body, Size: listTableSize, Field: f, Keep: true}
	}
	head := func(text string) []gbt9704.Span { return []gbt9704.Span{{Text: text}} }
	hasNote := false
	for _, e := range entries {
		hasNote = hasNote || e.Note != ""
	}
	// Size the name columns to their longest entry, within limits, so most
	// names stay on one line; 协同区 takes the rest and wraps between names.
	widest := func(text func(ListEntry) string, lo, hi float64) float64 {
		w := 0.0
		for _, e := range entries {
			w = math.Max(w, d.Fonts.Body.Width(text(e), gbt9704.PtToMM(listTableSize)))
		}
		return math.Min(hi, math.Max(lo, math.Ceil(w+2*listCellPad)))
	}
	noteW := 0.0
	if hasNote {
		noteW = 24
	}
	cols := []gbt9704.Column{
		{Head: head("序号"), Width: 12, Align: gbt9704.Center},
		{Head: head("产业链"), Width: widest(func(e ListEntry) string { return e.Chain }, 30, 62-noteW/3), Align: gbt9704.Left},
		{Head: head("核心区"), Width: widest(func(e ListEntry) string { return e.CoreArea }, 26, 44-noteW/3), Align: gbt9704.Left},
		{Head: head("协同区"), Align: gbt9704.Left},
	}
	if hasNote {
		cols = append(cols, gbt9704.Column{Head: head("备注"), Width: noteW, Align: gbt9704.Left})
	}
	rows := make([][]gbt9704.Cell, len(entries))
	for i, e := range entries {
		at := func(name string) string { return fmt.Sprintf("%s[%d].%s", field, i, name) }
		var collab []gbt9704.Span
		for j, a := range e.CollabAreas {
			text := a
			if j < len(e.CollabAreas)-1 {
				text += "、"
			}
			collab = append(collab, body(text, fmt.Sprintf("%s[%d]", at("CollabAreas"), j)))
		}
		if len(collab) == 0 {
			collab = []gbt9704.Span{body("—", "")}
		}
		rows[i] = []gbt9704.Cell{
			{Spans: []gbt9704.Span{body(strconv.Itoa(i+1), "")}},
			{Spans: []gbt9704.Span{body(e.Chain, at("Chain"))}},
			{Spans: []gbt9704.Span{body(e.CoreArea, at("CoreArea"))}},
			{Spans: collab},
		}
		if hasNote {
			rows[i] = append(rows[i], gbt9704.Cell{Spans: []gbt9704.Span{body(e.Note, at("Note"))}})
		}
	}
	return gbt9704.Table{Columns: cols, Rows: rows, Size: listTableSize, Pitch: 6.4, VPad: 1.6, Pad: listCellPad}
}
