package demo

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"hash/fnv"
	"image"
	"image/color"
	"image/png"
	"strings"
	"time"

	"chainjudge/app/dossier"
	"chainjudge/app/files"
	"chainjudge/app/store"
	"chainjudge/rubrics"
	"chainjudge/templates"

	"github.com/xuri/excelize/v2"
)

// loadDossiers files the demo bids in the demo competition through the same
// store functions the web pages use: drafts saved, files attached,
// submissions checked against the frozen rubric and hashed, and the office's
// formal-check decisions, so the demo has a dossier in every status.
func loadDossiers(ctx context.Context, st *store.Store) error {
	comps, err := st.FindCompetitions(ctx)
	if err != nil {
		return err
	}
	var comp *store.Competition
	for _, c := range comps {
		if c.Name == DemoCompetitionName {
			if comp, err = st.FindCompetitionByID(ctx, c.ID); err != nil {
				return err
			}
		}
	}
	if comp == nil {
		return errors.New("demo competition not found")
	}
	stage, err := st.FilingStage(ctx, comp.ID)
	if err != nil {
		return err
	}
	r, err := rubrics.Parse("demo.yaml", []byte(comp.RubricYAML))
	if err != nil {
		return fmt.Errorf("demo rubric: %w", err)
	}
	rules := r.Stage(stage.Key)
	if rules == nil {
		return fmt.Errorf("demo rubric has no stage %s", stage.Key)
	}
	office, err := st.FindUserByUsername(ctx, officeUser.username)
	if err != nil {
		return fmt.Errorf("demo office account: %w", err)
	}
	for _, b := range demoBids {
		if err := fileBid(ctx, st, comp, rules, store.UserActor(office), b); err != nil {
			return fmt.Errorf("demo dossier of %s (%s): %w", b.user, b.chain, err)
		}
	}
	return nil
}

func fileBid(ctx context.Context, st *store.Store, comp *store.Competition, rules *rubrics.Stage, office store.Actor, b demoBid) error {
	u, err := st.FindUserByUsername(ctx, b.user)
	if err != nil {
		return err
	}
	if u.RegionID == nil {
		return errors.New("applicant has no region")
	}
	core, err := st.FindRegionByID(ctx, *u.RegionID)
	if err != nil {
		return err
	}
	chain, err := st.FindChainByName(ctx, b.chain)
	if err != nil {
		return err
	}
	var collab []int64
	for _, name := range b.collab {
		reg, err := st.FindRegionByName(ctx, name)
		if err != nil {
			return fmt.Errorf("collaborative area %s: %w", name, err)
		}
		collab = append(collab, reg.ID)
	}
	applicant := store.UserActor(u)
	title := core.Name + strings.TrimSuffix(b.chain, "产业链") + "产业链"
	d, err := st.CreateDossier(ctx, applicant, store.NewDossier{CompetitionID: comp.ID, ChainID: chain.ID, RegionID: core.ID,
		CreatedBy: u.ID, Title: title, Content: dossier.Content{}.JSON(), CollabRegionIDs: collab})
	if err != nil {
		return err
	}
	content := bidContent(b, core, rules)
	version, err := st.SaveDossierDraft(ctx, applicant, d.ID, store.DraftUpdate{Version: d.Version, Title: title,
		Content: content.JSON(), CollabRegionIDs: collab})
	if err != nil {
		return err
	}
	if b.status == store.DossierDraft {
		return nil
	}
	fs, err := bidFiles(b, rules)
	if err != nil {
		return err
	}
	for _, a := range fs {
		if err := attach(ctx, st, applicant, u.ID, d.ID, a); err != nil {
			return fmt.Errorf("attach %s: %w", a.name, err)
		}
	}
	if cur, err := st.FindDossierByID(ctx, d.ID); err != nil {
		return err
	} else if cur.Version < version {
		return fmt.Errorf("dossier version went back from %d to %d", version, cur.Version)
	} else {
		version = cur.Version
	}
	check := func(sd *store.Dossier, collab []int64, atts []store.Attachment) (string, error) {
		refs := make([]dossier.AttachmentRef, len(atts))
		for i, a := range atts {
			refs[i] = dossier.AttachmentRef{ID: a.ID, Requirement: a.Requirement, Name: a.FileName,
				Kind: rubrics.FileKind(a.Kind), Size: a.Size, SHA256: a.SHA256}
		}
		errs := dossier.Validate(content, &rules.Requirements, dossier.Final).Merge(dossier.ValidateAttachments(&rules.Requirements, refs))
		if len(errs) > 0 {
			return "", fmt.Errorf("demo content incomplete: %v", errs)
		}
		return dossier.Hash(dossier.Submission{Competition: sd.CompetitionID, Chain: sd.ChainID, CoreRegion: sd.RegionID,
			CollabRegions: collab, Title: sd.Title, Content: content, Attachments: refs}), nil
	}
	sub, err := st.SubmitDossier(ctx, applicant, d.ID, version, check)
	if err != nil {
		return err
	}
	switch b.status {
	case store.DossierSubmitted:
		return nil
	case store.DossierWithdrawn:
		return st.WithdrawDossier(ctx, applicant, sub.ID, sub.Version, b.reason)
	case store.DossierPassed:
		return st.DecideFormalCheck(ctx, office, sub.ID, store.FormalDecision{Version: sub.Version, Decision: store.DecisionPass})
	case store.DossierReturned:
		due := correctionDue(st.Now())
		return st.DecideFormalCheck(ctx, office, sub.ID, store.FormalDecision{Version: sub.Version, Decision: store.DecisionReturn,
			Reason: b.reason, CorrectionDue: &due})
	case store.DossierRejected:
		return st.DecideFormalCheck(ctx, office, sub.ID, store.FormalDecision{Version: sub.Version, Decision: store.DecisionReject,
			Reason: b.reason})
	}
	return fmt.Errorf("unknown demo status %s", b.status)
}

// correctionDue is five days from now at 17:00 China Standard Time.
func correctionDue(now time.Time) time.Time {
	t := now.In(templates.Location()).AddDate(0, 0, 5)
	return time.Date(t.Year(), t.Month(), t.Day(), 17, 0, 0, 0, templates.Location())
}

// bidContent builds the content of a bid: figures in the rubric's order,
// generated narratives (partial drafts fill the first two sections), the
// enterprises with valid 统一社会信用代码 and the projects.
func bidContent(b demoBid, core *store.Region, rules *rubrics.Stage) dossier.Content {
	c := dossier.Content{Indicators: map[string]string{}, Sections: map[string]string{}, MaskTerms: b.masks}
	for i, ind := range rules.Requirements.Indicators {
		if i < len(b.figures) && b.figures[i] != "" {
			c.Indicators[ind.ID] = b.figures[i]
		}
	}
	text := bidText{core: core.Name, chain: b.chain, collab: b.collab, w: demoChainWords[b.chain], fig: b.figures, ents: b.ents}
	sections := text.sections()
	for i, sec := range rules.Requirements.Sections {
		if b.partial && i >= b.draftSections {
			break
		}
		if t, ok := sections[sec.ID]; ok {
			c.Sections[sec.ID] = t
		}
	}
	for _, e := range b.ents {
		c.Enterprises = append(c.Enterprises, dossier.Enterprise{Name: e.name, CreditCode: demoCreditCode(core, e.name), Role: e.role})
	}
	for _, p := range b.projs {
		c.Projects = append(c.Projects, dossier.Project{Name: p.name, Owner: p.owner, Investment: p.investment, Period: p.period})
	}
	return c
}

// demoCreditCode makes a valid, invented 统一社会信用代码 for an enterprise:
// 91 (an enterprise registered with market regulation), the region's
// six-digit code (the city's for a zone), a nine-character organisation
// code derived from the name, and the GB 32100 check character.
func demoCreditCode(core *store.Region, name string) string {
	region := core.CodeString()
	if len(region) != 6 {
		region = "320000"
	}
	const alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"
	h := fnv.New64a()
	h.Write([]byte(name))
	n := h.Sum64()
	org := []byte("MA")
	for len(org) < 9 {
		org = append(org, alphabet[n%uint64(len(alphabet))])
		n /= uint64(len(alphabet))
	}
	first := "91" + region + string(org)
	check, err := dossier.CreditCodeCheckChar(first)
	if err != nil {
		panic("demo credit code: " + err.Error())
	}
	return first + string(check)
}

// demoFile is one attachment of a demo bid.
type demoFile struct {
	requirement, name, kind string
	data                    []byte
}

// bidFiles are small real files for the required attachments (and a photo
// when the bid has one): PDFs, a workbook and a PNG.
func bidFiles(b demoBid, rules *rubrics.Stage) ([]demoFile, error) {
	var out []demoFile
	for _, a := range rules.Requirements.Attachments {
		switch {
		case a.Required && a.Accepts(rubrics.FilePDF):
			out = append(out, demoFile{a.ID, a.Name + ".pdf", "pdf", demoPDF(b.user + " " + a.ID)})
		case a.Required && a.Accepts(rubrics.FileXLSX):
			data, err := demoWorkbook(b)
			if err != nil {
				return nil, err
			}
			out = append(out, demoFile{a.ID, a.Name + ".xlsx", "xlsx", data})
		case !a.Required && a.Accepts(rubrics.FilePNG) && b.photo:
			data, err := demoPNG(b.user)
			if err != nil {
				return nil, err
			}
			out = append(out, demoFile{a.ID, "园区全景.png", "png", data})
		}
	}
	return out, nil
}

func attach(ctx context.Context, st *store.Store, actor store.Actor, userID, dossierID int64, f demoFile) error {
	if kind, err := files.Sniff(f.data); err != nil || string(kind) != f.kind {
		return fmt.Errorf("demo file %s is not a valid %s: %v", f.name, f.kind, err)
	}
	sum := files.SHA256(f.data)
	return st.Tx(ctx, func(tx *store.Store) error {
		if err := tx.Blobs().Put(ctx, sum, f.data); err != nil {
			return err
		}
		_, err := tx.AddAttachment(ctx, actor, store.NewAttachment{DossierID: dossierID, Requirement: f.requirement,
			FileName: f.name, Kind: f.kind, Size: int64(len(f.data)), SHA256: sum, Storage: store.StorageDB, UploadedBy: userID})
		return err
	})
}

// demoPDF is a one-page PDF showing an ASCII label, with a correct
// cross-reference table.
func demoPDF(label string) []byte {
	stream := fmt.Sprintf("BT /F1 16 Tf 72 760 Td (chainjudge demo attachment) Tj 0 -28 Td (%s) Tj ET", label)
	objects := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
		fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(stream), stream),
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
	}
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n")
	offsets := make([]int, len(objects))
	for i, o := range objects {
		offsets[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objects)+1)
	for _, off := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objects)+1, xref)
	return b.Bytes()
}

// demoPNG is a small picture whose colours follow the label.
func demoPNG(label string) ([]byte, error) {
	h := fnv.New32a()
	h.Write([]byte(label))
	seed := h.Sum32()
	img := image.NewRGBA(image.Rect(0, 0, 24, 16))
	for x := 0; x < 24; x++ {
		for y := 0; y < 16; y++ {
			img.Set(x, y, color.RGBA{R: uint8(seed) + uint8(x*8), G: uint8(seed>>8) + uint8(y*12), B: uint8(seed >> 16), A: 0xff})
		}
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		return nil, fmt.Errorf("demo png: %w", err)
	}
	return b.Bytes(), nil
}

// demoWorkbook is the bid's 重点企业和项目清单 as a workbook.
func demoWorkbook(b demoBid) ([]byte, error) {
	f := excelize.NewFile()
	defer f.Close()
	const sheet = "Sheet1"
	rows := [][]any{{"类别", "名称", "实施主体或主营产品", "总投资（亿元）"}}
	for _, e := range b.ents {
		rows = append(rows, []any{"龙头企业", e.name, e.role, ""})
	}
	for _, p := range b.projs {
		rows = append(rows, []any{"重点项目", p.name, p.owner, p.investment})
	}
	for i, row := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow(sheet, cell, &row); err != nil {
			return nil, fmt.Errorf("demo workbook: %w", err)
		}
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		return nil, fmt.Errorf("demo workbook: %w", err)
	}
	return buf.Bytes(), nil
}
