package dossier_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/avnet/avnet/generators/dossier"
	"github.com/avnet/avnet/internal/lab"
)

// The dossier reads what `avnet lab test` writes.
func TestReadLabResultsOfTheLab(t *testing.T) {
	in := &lab.Results{Schema: lab.ResultsSchema, Lab: "l", Design: "d", DesignDigest: "abc", Count: 30, Rate: 100, Passed: true,
		Flows: []*lab.FlowTest{{Flow: "cam-1/video", Essence: "st2110-20", Class: "video", DSCP: 26, Passed: true,
			Legs: []*lab.LegTest{{Plane: "red", VLAN: "media", Group: "239.1.1.1", Port: 5004, Sender: "cam-1:red", Sent: 30,
				Receivers: []*lab.Reception{{Receiver: "mv-1", Interface: "red", Received: 30, DSCP: map[int]int{26: 30}, Passed: true}},
				Silent:    []*lab.Bystander{{Device: "host-1", Interface: "eth1", Passed: true}}, Passed: true}}}},
		PTP: []*lab.PTPTest{{Domain: "media", DomainNumber: 127, Intended: "gm-1", Elected: "gm-1", Passed: true, Converged: 3.5,
			Clocks: []*lab.Clock{{Device: "sw-1", Kind: "boundary", PortState: "SLAVE", StepsRemoved: 1, OffsetNs: -8, PathDelayNs: 900, Passed: true}}}},
	}
	p := filepath.Join(t.TempDir(), "results.json")
	f, err := os.Create(p)
	if err != nil {
		t.Fatal(err)
	}
	if err := in.WriteJSON(f); err != nil {
		t.Fatal(err)
	}
	f.Close()
	r, err := dossier.ReadLabResults(p)
	if err != nil {
		t.Fatal(err)
	}
	if r.DesignDigest != "abc" || len(r.Flows) != 1 || r.Flows[0].Legs[0].Receivers[0].DSCP[26] != 30 || r.Flows[0].Legs[0].Sent != 30 ||
		len(r.PTP) != 1 || r.PTP[0].Converged != 3.5 || r.PTP[0].Clocks[0].OffsetNs != -8 || r.PTP[0].Clocks[0].StepsRemoved != 1 {
		t.Errorf("read back %+v", r)
	}
	if r, err := dossier.ReadLabResults(filepath.Join(t.TempDir(), "none.json")); r != nil || err != nil {
		t.Errorf("a missing file gives %v, %v; want nothing", r, err)
	}
}
