package draw

import (
	"crypto/sha256"
	"encoding/binary"
	"math"
)

// Algorithm names the draw procedure and its generator. It is recorded with
// every draw; a future change of procedure must use a new name.
const Algorithm = "chainjudge-draw/1 (sha256-ctr, fisher-yates, min-cost-flow)"

// rngDomain separates this generator's hashes from any other use of the seed.
const rngDomain = "chainjudge-draw/1\x00"

// stream is the draw's random number generator: block i is
// SHA-256(rngDomain ‖ seed ‖ i as 8 bytes big-endian), read as four
// big-endian uint64s. It is specified here, not borrowed from math/rand, so
// the sequence for a seed never changes with the Go release and can be
// reproduced with any SHA-256 tool.
type stream struct {
	prefix  []byte
	counter uint64
	block   [sha256.Size]byte
	used    int
}

func newStream(seed string) *stream {
	return &stream{prefix: append([]byte(rngDomain), seed...), used: sha256.Size}
}

// next returns the next 64 random bits.
func (s *stream) next() uint64 {
	if s.used+8 > len(s.block) {
		var ctr [8]byte
		binary.BigEndian.PutUint64(ctr[:], s.counter)
		h := sha256.New()
		h.Write(s.prefix)
		h.Write(ctr[:])
		h.Sum(s.block[:0])
		s.counter++
		s.used = 0
	}
	v := binary.BigEndian.Uint64(s.block[s.used:])
	s.used += 8
	return v
}

// intn returns a uniform integer in [0, n) by rejection sampling, so no value
// is favoured by the modulo.
func (s *stream) intn(n int) int {
	if n <= 1 {
		return 0
	}
	un := uint64(n)
	limit := math.MaxUint64 - math.MaxUint64%un // a multiple of n
	for {
		if v := s.next(); v < limit {
			return int(v % un)
		}
	}
}

// shuffle permutes ids in place (Fisher–Yates, from the end).
func (s *stream) shuffle(ids []int64) {
	for i := len(ids) - 1; i > 0; i-- {
		j := s.intn(i + 1)
		ids[i], ids[j] = ids[j], ids[i]
	}
}
