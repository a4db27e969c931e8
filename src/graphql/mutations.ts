// All mutation modules.
import './partners/mutations.js';
import './accounts/mutations.js';
import './opportunities/mutations.js';
import './touchpoints/mutations.js';
