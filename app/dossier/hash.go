package dossier

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"sort"
	"strings"
)

// HashPrefix starts every content hash, as rubric hashes do.
const HashPrefix = "sha256:"

// Submission is everything a submitted dossier consists of: what the
// receipt's content hash covers.
type Submission struct {
	// Competition, Chain and CoreRegion are store ids.
	Competition int64 `json:"competition"`
	Chain       int64 `json:"chain"`
	CoreRegion  int64 `json:"core_region"`
	// CollabRegions are the collaborative areas' ids (order does not
	// matter; Hash sorts them).
	CollabRegions []int64 `json:"collab_regions"`
	Title         string  `json:"title"`
	Content       Content `json:"content"`
	// Attachments are the uploaded files (order does not matter).
	Attachments []AttachmentRef `json:"-"`
}

// hashedFile is the part of an attachment the hash covers: not the store id.
type hashedFile struct {
	Requirement string `json:"requirement"`
	Name        string `json:"name"`
	Kind        string `json:"kind"`
	Size        int64  `json:"size"`
	SHA256      string `json:"sha256"`
}

// Hash is the canonical content hash of a submission: "sha256:" and the hex
// SHA-256 of its canonical JSON (sorted keys and lists, no store ids of
// files). Equal submissions give equal hashes whatever order the lists
// came in; changing any value, text or file changes it.
func Hash(s Submission) string {
	collab := append([]int64(nil), s.CollabRegions...)
	sort.Slice(collab, func(i, j int) bool { return collab[i] < collab[j] })
	files := make([]hashedFile, 0, len(s.Attachments))
	for _, a := range s.Attachments {
		files = append(files, hashedFile{Requirement: a.Requirement, Name: a.Name, Kind: string(a.Kind), Size: a.Size,
			SHA256: strings.ToLower(a.SHA256)})
	}
	sort.Slice(files, func(i, j int) bool {
		a, b := files[i], files[j]
		if a.Requirement != b.Requirement {
			return a.Requirement < b.Requirement
		}
		if a.SHA256 != b.SHA256 {
			return a.SHA256 < b.SHA256
		}
		return a.Name < b.Name
	})
	canon := struct {
		Submission
		CollabRegions []int64      `json:"collab_regions"`
		Files         []hashedFile `json:"files"`
	}{Submission: s, CollabRegions: collab, Files: files}
	if canon.CollabRegions == nil {
		canon.CollabRegions = []int64{}
	}
	b, err := json.Marshal(canon)
	if err != nil {
		panic("dossier: marshal submission: " + err.Error())
	}
	sum := sha256.Sum256(b)
	return HashPrefix + hex.EncodeToString(sum[:])
}
