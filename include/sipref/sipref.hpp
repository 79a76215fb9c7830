// SPDX-License-Identifier: MIT
/// @file sipref.hpp
/// Umbrella header: includes every public sipref header.
#ifndef SIPREF_SIPREF_HPP
#define SIPREF_SIPREF_HPP

#include "config.hpp"
#include "error.hpp"
#include "compose.hpp"
#include "grammar.hpp"
#include "uri.hpp"
#include "name_addr.hpp"
#include "address_headers.hpp"
#include "refer_to.hpp"
#include "refer_sub.hpp"
#include "option_tags.hpp"
#include "privacy.hpp"
#include "event.hpp"
#include "content_type.hpp"
#include "content_disposition.hpp"
#include "content_id.hpp"
#include "accept_contact.hpp"
#include "scalar_headers.hpp"
#include "via.hpp"
#include "header_names.hpp"
#include "message.hpp"
#include "multipart.hpp"
#include "sipfrag.hpp"
#include "resource_lists.hpp"
#include "response.hpp"
#include "refer_request.hpp"
#include "refer_notify.hpp"
#include "refer_checker.hpp"

#endif  // SIPREF_SIPREF_HPP
