/**
 * @file
 * libforcetrack: claims about military force deployments, their sources
 * and their hedges, loaded and saved as JSON, turned into explained
 * estimates. This is the one header a user includes.
 */
#ifndef FORCETRACK_H
#define FORCETRACK_H

#include "forcetrack/version.h"
#include "forcetrack/common.h"
#include "forcetrack/time.h"
#include "forcetrack/values.h"
#include "forcetrack/dataset.h"
#include "forcetrack/io.h"
#include "forcetrack/estimate.h"
#include "forcetrack/report.h"
#include "forcetrack/text.h"

#endif
