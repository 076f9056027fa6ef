// Command avnet is a network-as-code compiler for audiovisual facilities.
package main

import (
	"os"

	"github.com/avnet/avnet/internal/cli"
)

func main() { os.Exit(cli.Main()) }
