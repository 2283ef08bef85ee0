package app

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"net/http"
	"strings"

	"chainjudge/app/results"
	"chainjudge/app/store"
	"chainjudge/reports"

	"github.com/labstack/echo/v4"
)

// exportsPage lists the downloads of a competition.
type exportsPage struct {
	Competition store.Competition
	Stages      []store.Stage
	Frozen      map[string]bool
	AllFrozen   bool
}

// handleExportsPage lists what the office can download.
func (s *Server) handleExportsPage(c echo.Context) error {
	comp, _, err := s.loadCompetition(c)
	if err != nil {
		return err
	}
	fr, err := s.store.LoadFrozenResults(c.Request().Context(), comp.ID)
	if err != nil {
		return err
	}
	p := exportsPage{Competition: *comp, Stages: fr.Stages, Frozen: map[string]bool{}, AllFrozen: fr.Complete()}
	for k := range fr.ByKey {
		p.Frozen[k] = true
	}
	return s.render(c, http.StatusOK, "office_results_exports.html", comp.Name+" · 导出", p)
}

// handleExportFile sends one export: dossiers, scores, results, results-<stage>
// or final, as .xlsx or .csv; or bundle.zip, the transparency bundle.
func (s *Server) handleExportFile(c echo.Context) error {
	comp, _, err := s.loadCompetition(c)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	file := c.Param("file")
	if file == "bundle.zip" {
		return s.sendBundle(c, comp)
	}
	name, ext, ok := strings.Cut(file, ".")
	if !ok || (ext != "xlsx" && ext != "csv") {
		return errNotFound
	}
	tables, err := s.exportTables(ctx, comp, name)
	if err != nil {
		return err
	}
	if len(tables) == 0 {
		return errNotFound
	}
	base := fmt.Sprintf("%s-%s", comp.Name, tables[0].Name)
	if name == "results" {
		base = comp.Name + "-阶段结果"
	}
	if ext == "xlsx" {
		data, err := reports.Workbook(tables)
		if err != nil {
			return err
		}
		return sendDownload(c, base+".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", data)
	}
	if len(tables) != 1 {
		return errNotFound
	}
	data, err := tableCSV(tables[0])
	if err != nil {
		return err
	}
	return sendDownload(c, base+".csv", "text/csv; charset=utf-8", data)
}

// exportTables builds the named tables.
func (s *Server) exportTables(ctx context.Context, comp *store.Competition, name string) ([]exportTable, error) {
	if name == "dossiers" {
		t, err := s.dossiersTable(ctx, comp)
		return []exportTable{t}, err
	}
	fr, err := s.store.LoadFrozenResults(ctx, comp.ID)
	if err != nil {
		return nil, err
	}
	switch {
	case name == "scores":
		return []exportTable{scoresTable(fr)}, nil
	case name == "results":
		var out []exportTable
		for _, st := range fr.Stages {
			if r, ok := fr.ByKey[st.Key]; ok {
				out = append(out, stageTable(st, r))
			}
		}
		return out, nil
	case strings.HasPrefix(name, "results-"):
		key := strings.TrimPrefix(name, "results-")
		for _, st := range fr.Stages {
			if r, ok := fr.ByKey[st.Key]; ok && st.Key == key {
				return []exportTable{stageTable(st, r)}, nil
			}
		}
		return nil, nil
	case name == "final":
		final, _, err := s.store.ComputeFinalResult(ctx, comp.ID)
		if err != nil {
			return nil, err
		}
		winners, err := s.store.FindWinners(ctx, comp.ID)
		if err != nil {
			return nil, err
		}
		return []exportTable{finalTable(final, winners)}, nil
	}
	return nil, nil
}

// tableCSV writes a table as CSV in UTF-8 with a byte-order mark, which
// Excel needs to read Chinese correctly.
func tableCSV(t exportTable) ([]byte, error) {
	var buf bytes.Buffer
	buf.WriteString("\ufeff")
	w := csv.NewWriter(&buf)
	head := make([]string, len(t.Columns))
	for i, col := range t.Columns {
		head[i] = col.Title
	}
	if err := w.Write(head); err != nil {
		return nil, fmt.Errorf("write csv: %w", err)
	}
	if err := w.WriteAll(t.Rows); err != nil {
		return nil, fmt.Errorf("write csv: %w", err)
	}
	return buf.Bytes(), nil
}

// sendBundle sends the transparency bundle as a ZIP archive.
func (s *Server) sendBundle(c echo.Context, comp *store.Competition) error {
	now := s.now()
	files, _, err := TransparencyBundle(c.Request().Context(), s.store, comp.ID, now)
	if err != nil {
		return err
	}
	dir := fmt.Sprintf("chainjudge-%d-bundle", comp.ID)
	data, err := results.ZipBundle(dir, files, now)
	if err != nil {
		return err
	}
	if err := s.store.Audit(c.Request().Context(), store.AuditRecord{Actor: store.UserActor(currentUser(c)),
		Action: "result.export", Entity: "competition", EntityID: comp.ID, After: map[string]any{"files": len(files)}}); err != nil {
		return err
	}
	return sendDownload(c, dir+".zip", "application/zip", data)
}
