package reports

import (
	"fmt"
	"io"
	"strings"
	"time"

	"chainjudge/reports/gbt9704"
)

// PublicNotice is the 公示 of the candidates before the result notice: no
// red header and no 发文字号, the period, how to object, whom to contact,
// and the list as an attachment.
type PublicNotice struct {
	Issuer Issuer
	// Title replaces the composed "关于{Designation}拟入选名单的公示".
	Title       string
	Competition string
	Purpose     string
	Basis       string
	Procedure   []string
	Designation string // e.g. 2026年度江苏省区域卓越产业链
	// Intro replaces the composed opening paragraph.
	Intro       string
	PeriodStart time.Time
	PeriodEnd   time.Time
	// PeriodNote qualifies the period, e.g. "5个工作日" (the app counts
	// working days on the holiday calendar).
	PeriodNote string
	// Objections are the rules for raising an objection, one paragraph
	// each; empty uses DefaultObjectionRules.
	Objections []string
	Contacts   []Contact
	Address    string // 通讯地址
	Postcode   string
	Email      string
	// ListTitle is the attachment's title; empty uses Designation + "拟入选名单".
	ListTitle  string
	Candidates []ListEntry
	Signer     string    // empty uses Issuer.Name
	Date       time.Time // date of the 公示
}

// Contact is one line of the contact block, e.g. 业务咨询 or 监督电话.
type Contact struct {
	Role   string // e.g. 业务咨询, 监督举报
	Person string // may be empty (a hotline)
	Phone  string
}

// DefaultObjectionRules are the usual conditions for objections to a 公示.
var DefaultObjectionRules = []string{
	"以单位名义提出异议的，须在书面材料上加盖本单位公章，并注明联系人和联系电话；以个人名义提出异议的，须在书面材料上签署真实姓名，并注明工作单位、联系电话和通讯地址。",
	"异议须实事求是、客观具体，并提供必要的证明材料。",
	"匿名异议和超出公示期的异议不予受理。",
}

const publicNoticeName = "公示"

// FileName is e.g. "2026年度江苏省区域卓越产业链拟入选名单公示.pdf".
func (n PublicNotice) FileName() string {
	return n.listTitle() + publicNoticeName + ".pdf"
}

func (n PublicNotice) listTitle() string {
	if n.ListTitle != "" {
		return n.ListTitle
	}
	return n.Designation + "拟入选名单"
}

func (n PublicNotice) validate() error {
	return required(publicNoticeName,
		need("Issuer.Name", "发布机关", n.Issuer.Name == ""),
		need("Designation", "入选称号", n.Designation == "" && (n.Title == "" || n.ListTitle == "")),
		need("PeriodStart", "公示开始日期", n.PeriodStart.IsZero()),
		need("PeriodEnd", "公示截止日期", n.PeriodEnd.IsZero()),
		need("Candidates", "拟入选名单", len(n.Candidates) == 0),
		need("Date", "发布日期", n.Date.IsZero()),
	)
}

// Write renders the 公示 as PDF.
func (n PublicNotice) Write(w io.Writer, opts Options) error {
	set, err := opts.start(n.validate)
	if err != nil {
		return err
	}
	d := gbt9704.New(set, gbt9704.A4Portrait, gbt9704.Official)
	d.Skip(1)
	if n.Title != "" {
		d.Title(gbt9704.Span{Text: n.Title, Field: "Title"})
	} else {
		d.Title(gbt9704.Span{Text: "关于"}, gbt9704.Span{Text: n.Designation, Field: "Designation"}, gbt9704.Span{Text: "拟入选名单的公示"})
	}
	d.Skip(1)
	if n.Intro != "" {
		writeText(d, n.Intro, "Intro")
	} else {
		decision := append([]gbt9704.Span{d.Body("确定", "")}, firstAnd(d, n.Candidates, "Candidates")...)
		decision = append(decision, d.Body("为", ""), d.Body(n.Designation, "Designation"),
			d.Body("拟入选对象。现将拟入选名单予以公示（见附件），接受社会监督。", ""))
		d.BodyPara(introSpans(d, n.Purpose, n.Basis, n.Procedure, decision)...)
	}
	period := []gbt9704.Span{runInHei(d, "一、公示时间："), d.Body(periodCN(n.PeriodStart, n.PeriodEnd), "PeriodEnd")}
	if n.PeriodNote != "" {
		period = append(period, d.Body("（", ""), d.Body(n.PeriodNote, "PeriodNote"), d.Body("）", ""))
	}
	d.BodyPara(append(period, d.Body("。", ""))...)
	d.BodyPara(runInHei(d, "二、异议处理："), d.Body("公示期间，任何单位和个人对拟入选名单有异议的，可以书面形式向", ""),
		d.Body(n.Issuer.Name, "Issuer.Name"), d.Body("反映。", ""))
	rules, field := orDefault(n.Objections, "Objections", DefaultObjectionRules)
	for i, r := range rules {
		d.BodyPara(d.Body("（"+numberCN(i+1)+"）", ""), d.Body(r, itemField(field, i)))
	}
	n.writeContacts(d)
	noticeClosing{
		signer: n.Signer, defaultSigner: n.Issuer.Name, date: n.Date,
		listTitle: n.listTitle(), entries: n.Candidates, entriesField: "Candidates", sealGuide: opts.SealGuide,
	}.write(d)
	title := n.Title
	if title == "" {
		title = "关于" + n.Designation + "拟入选名单的公示"
	}
	return render(w, d, true, gbt9704.Meta{Title: strings.ReplaceAll(title, "\n", ""), Subject: n.listTitle(),
		Author: n.Issuer.Name, Created: opts.created(n.Date)})
}

// runInHei is a level-1 heading run into its paragraph, in 黑体.
func runInHei(d *gbt9704.Doc, text string) gbt9704.Span {
	s := d.Body(text, "")
	s.Font = d.Fonts.Hei
	return s
}

// writeContacts sets "三、联系方式" with one paragraph per contact, then the
// address and e-mail.
func (n PublicNotice) writeContacts(d *gbt9704.Doc) {
	if len(n.Contacts) == 0 && n.Address == "" && n.Email == "" {
		return
	}
	d.Heading1(d.Body("三、联系方式", ""))
	for i, c := range n.Contacts {
		at := fmt.Sprintf("Contacts[%d]", i)
		spans := []gbt9704.Span{d.Body(c.Role, at+".Role"), d.Body("：", "")}
		if c.Person != "" {
			spans = append(spans, d.Body(c.Person, at+".Person"), d.Body("，", ""))
		}
		spans = append(spans, d.Body("电话 ", ""), d.Body(c.Phone, at+".Phone"))
		d.BodyPara(spans...)
	}
	if n.Address != "" {
		spans := []gbt9704.Span{d.Body("通讯地址：", ""), d.Body(n.Address, "Address")}
		if n.Postcode != "" {
			spans = append(spans, d.Body("（邮编 ", ""), d.Body(n.Postcode, "Postcode"), d.Body("）", ""))
		}
		d.BodyPara(spans...)
	}
	if n.Email != "" {
		d.BodyPara(d.Body("电子邮箱：", ""), d.Body(n.Email, "Email"))
	}
}
