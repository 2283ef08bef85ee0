package reports

import (
	"io"
	"strings"
	"time"

	"chainjudge/reports/gbt9704"
)

// ResultNotice is the 通知 that publishes the winners: a red-header 文件 with
// the winners list as its attachment and a 版记 on the last even page.
type ResultNotice struct {
	Issuer Issuer
	Number DocNumber
	// Title replaces the composed "关于公布{Competition}结果的通知"; a line
	// break in it fixes where the title breaks.
	Title       string
	Addressees  string // 主送机关, without the final colon
	Competition string // e.g. 2026年度江苏省区域卓越产业链竞赛
	Purpose     string // optional opening clause, e.g. 为深入实施……
	Basis       string // the rules the decision rests on, with their number
	Procedure   []string
	Designation string // what the winners become, e.g. 2026年度江苏省区域卓越产业链
	// Intro replaces the composed opening paragraph.
	Intro    string
	Sections []Section // numbered requirements after the opening paragraph
	Closing  string    // optional, e.g. 特此通知。
	// ListTitle is the attachment's title; empty uses Designation + "名单".
	ListTitle string
	Winners   []ListEntry
	Signer    string    // 署名; empty uses Issuer.Name
	Date      time.Time // 成文日期
	Public    bool      // adds the 附注 "（此件公开发布）"
	CopyTo    []string  // 抄送机关
	PrintedBy string    // 印发机关; empty uses Issuer.Name
	PrintDate time.Time // 印发日期; zero uses Date
}

const resultNoticeName = "结果通知"

// FileName is e.g. "苏制强办〔2026〕12号-结果通知.pdf".
func (n ResultNotice) FileName() string {
	return n.Number.String() + "-" + resultNoticeName + ".pdf"
}

func (n ResultNotice) validate() error {
	return required(resultNoticeName,
		need("Issuer.Name", "发文机关", n.Issuer.Name == ""),
		need("Number.Prefix", "发文字号机关代字", n.Number.Prefix == ""),
		need("Number.Year", "发文字号年份", n.Number.Year == 0),
		need("Number.Seq", "发文字号序号", n.Number.Seq == 0),
		need("Competition", "竞赛名称", n.Competition == "" && n.Title == ""),
		need("Addressees", "主送机关", n.Addressees == ""),
		need("Designation", "入选称号", n.Designation == "" && (n.Intro == "" || n.ListTitle == "")),
		need("Winners", "获奖名单", len(n.Winners) == 0),
		need("Date", "成文日期", n.Date.IsZero()),
	)
}

func (n ResultNotice) listTitle() string {
	if n.ListTitle != "" {
		return n.ListTitle
	}
	return n.Designation + "名单"
}

// Write renders the notice (GB/T 9704 文件 format) as PDF.
func (n ResultNotice) Write(w io.Writer, opts Options) error {
	set, err := opts.start(n.validate)
	if err != nil {
		return err
	}
	d := gbt9704.New(set, gbt9704.A4Portrait, gbt9704.Official)
	d.Header(gbt9704.Span{Text: n.Issuer.mark(), Field: "Issuer.Mark"}, d.Body(n.Number.String(), "Number"))
	d.Title(titleParts(n.Title, "Title", "关于公布", n.Competition, "结果的通知")...)
	d.Skip(1)
	d.Addressee(d.Body(n.Addressees, "Addressees"))
	if n.Intro != "" {
		writeText(d, n.Intro, "Intro")
	} else {
		decision := append([]gbt9704.Span{d.Body("确定", "")}, firstAnd(d, n.Winners, "Winners")...)
		decision = append(decision, d.Body("为", ""), d.Body(n.Designation, "Designation"), d.Body("，现予以公布（名单见附件）。", ""))
		d.BodyPara(introSpans(d, n.Purpose, n.Basis, n.Procedure, decision)...)
	}
	writeSections(d, n.Sections, "Sections")
	if n.Closing != "" {
		d.BodyPara(d.Body(n.Closing, "Closing"))
	}
	note := ""
	if n.Public {
		note = "（此件公开发布）"
	}
	noticeClosing{
		signer: n.Signer, defaultSigner: n.Issuer.Name, date: n.Date, note: note,
		listTitle: n.listTitle(), entries: n.Winners, entriesField: "Winners", sealGuide: opts.SealGuide,
	}.write(d)
	d.Colophon(n.colophon(d))
	return render(w, d, true, gbt9704.Meta{
		Title: n.Number.String() + " " + strings.ReplaceAll(n.titleText(), "\n", ""), Subject: n.listTitle(),
		Author: n.Issuer.Name, Created: opts.created(n.Date),
	})
}

func (n ResultNotice) titleText() string {
	if n.Title != "" {
		return n.Title
	}
	return "关于公布" + n.Competition + "结果的通知"
}

func (n ResultNotice) colophon(d *gbt9704.Doc) gbt9704.Colophon {
	printer := n.PrintedBy
	if printer == "" {
		printer = n.Issuer.Name
	}
	printDate := n.PrintDate
	if printDate.IsZero() {
		printDate = n.Date
	}
	return gbt9704.Colophon{
		CopyTo:    gbt9704.Span{Text: strings.Join(n.CopyTo, "，"), Field: "CopyTo"},
		Printer:   gbt9704.Span{Text: printer, Field: "PrintedBy"},
		PrintDate: gbt9704.Span{Text: dateCN(printDate) + "印发", Field: "PrintDate"},
	}
}

// titleParts returns the title as spans kept whole where possible: the
// caller's own title, or the composed prefix, name and suffix.
func titleParts(custom, field, prefix, name, suffix string) []gbt9704.Span {
	if custom != "" {
		return []gbt9704.Span{{Text: custom, Field: field}}
	}
	return []gbt9704.Span{{Text: prefix}, {Text: name, Field: "Competition"}, {Text: suffix}}
}
