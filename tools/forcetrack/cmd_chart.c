/*
 * forcetrack chart: the timeline that `forcetrack timeline` computes, with
 * the same options and checks (cli_timeline_parse, cmd_timeline.c), drawn
 * by the library as an SVG chart: the low-high band, the best line, the
 * claims counted by voice and the build-up alerts.
 */
#include "cli.h"

#include <string.h>

int cmd_chart(int argc, char **argv)
{
	cli_timeline_args t;
	memset(&t, 0, sizeof t);
	ft_timeline_init(&t.tl);
	int status = cli_timeline_parse(
	    "chart",
	    "Draws the timeline of actor A in region R from T1 to T2 (the one 'forcetrack\n"
	    "timeline' computes, with the same options) as an SVG chart: the low-high band\n"
	    "with the best line over it, each claim counted at its observed date marked by\n"
	    "voice (one-sided claims with an arrow to their open side), and the build-up\n"
	    "alerts as labelled rules (docs/reports.md).",
	    NULL, &argc, &argv, &t);
	if (status < 0)
		status = cli_timeline_run("chart", &t, FT_FORMAT_SVG);
	cli_timeline_args_clear(&t);
	return status;
}
