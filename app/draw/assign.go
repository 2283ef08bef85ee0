package draw

import (
	"fmt"
	"math"
)

// assign gives every dossier exactly its need of eligible members within
// the load cap, spreading the load as evenly as possible: a min-cost flow
// source → dossier (capacity: its need) → member (1, if eligible) → sink,
// where a member's k-th dossier costs Load+k. Because that cost grows with
// the load, the cheapest flow is the most even one. Edges are added in
// dossier-id and draw order, so ties are settled the same way every run.
func assign(k *checker, in Input, byID map[int64]*Candidate, members []int64) ([]Pair, error) {
	D := len(in.Dossiers)
	src, sink := 0, D+len(members)+1
	g := newFlowGraph(sink + 1)
	for i := range in.Dossiers {
		g.add(src, 1+i, in.Constraints.need(&in.Dossiers[i]), 0)
	}
	type link struct{ edge, dossier, member int }
	var links []link
	for i := range in.Dossiers {
		for j, id := range members {
			if k.eligible(byID[id], &in.Dossiers[i]) {
				links = append(links, link{edge: g.add(1+i, 1+D+j, 1, 0), dossier: i, member: j})
			}
		}
	}
	for j, id := range members {
		c := byID[id]
		units := k.capacity(c)
		if units < 0 || units > D {
			units = D
		}
		for u := 1; u <= units; u++ {
			g.add(1+D+j, sink, 1, c.Load+u)
		}
	}
	want := totalNeed(in)
	if got := g.minCostFlow(src, sink, want); got < want {
		return nil, shortAssignment(in, g, members)
	}
	var pairs []Pair
	for _, l := range links {
		if g.cap[l.edge] == 0 {
			pairs = append(pairs, Pair{Expert: members[l.member], Dossier: in.Dossiers[l.dossier].ID})
		}
	}
	sortPairs(pairs, rankOf(members))
	return pairs, nil
}

// shortAssignment explains a flow that could not fill every dossier.
func shortAssignment(in Input, g *flowGraph, members []int64) error {
	for i := range in.Dossiers {
		R := in.Constraints.need(&in.Dossiers[i])
		// The source edge to dossier i is edge 2i; its residual is what is missing.
		if missing := g.cap[2*i]; missing > 0 {
			return refuse("max_load", fmt.Sprintf("按每位专家至多 %d 份的上限，抽中的 %d 位专家无法为“%s”分配 %d 位（只能分配 %d 位）；请提高负荷上限或增加抽取人数",
				in.Constraints.MaxLoad, len(members), in.Dossiers[i].Label, R, R-missing))
		}
	}
	return refuse("max_load", "抽中的专家无法完成分配；请提高负荷上限或增加抽取人数")
}

// flowGraph is a residual graph for min-cost flow; edge e and e^1 are a
// forward edge and its reverse.
type flowGraph struct {
	adj  [][]int
	to   []int
	cap  []int
	cost []int
}

func newFlowGraph(n int) *flowGraph { return &flowGraph{adj: make([][]int, n)} }

// add inserts an edge u→v and returns its index.
func (g *flowGraph) add(u, v, capacity, cost int) int {
	e := len(g.to)
	g.to = append(g.to, v, u)
	g.cap = append(g.cap, capacity, 0)
	g.cost = append(g.cost, cost, -cost)
	g.adj[u] = append(g.adj[u], e)
	g.adj[v] = append(g.adj[v], e+1)
	return e
}

// minCostFlow sends up to want units from s to t along successive shortest
// paths (Bellman–Ford with a FIFO queue, which allows the negative residual
// costs) and returns the flow sent.
func (g *flowGraph) minCostFlow(s, t, want int) int {
	n := len(g.adj)
	dist := make([]int, n)
	prev := make([]int, n)
	inQueue := make([]bool, n)
	flow := 0
	for flow < want {
		for i := range dist {
			dist[i], prev[i] = math.MaxInt, -1
		}
		dist[s] = 0
		queue := []int{s}
		inQueue[s] = true
		for len(queue) > 0 {
			u := queue[0]
			queue = queue[1:]
			inQueue[u] = false
			for _, e := range g.adj[u] {
				v := g.to[e]
				if g.cap[e] > 0 && dist[u]+g.cost[e] < dist[v] {
					dist[v], prev[v] = dist[u]+g.cost[e], e
					if !inQueue[v] {
						queue = append(queue, v)
						inQueue[v] = true
					}
				}
			}
		}
		if dist[t] == math.MaxInt {
			break
		}
		push := want - flow
		for v := t; v != s; v = g.to[prev[v]^1] {
			push = min(push, g.cap[prev[v]])
		}
		for v := t; v != s; v = g.to[prev[v]^1] {
			g.cap[prev[v]] -= push
			g.cap[prev[v]^1] += push
		}
		flow += push
	}
	return flow
}
