/* Unit tests: the citation parser and DOI normalisation.
 *
 * One table row per citation shape, every field asserted (NULL where the
 * citation has no such field). The bibliographic facts are real references
 * from the physiotherapy and pain literature (the seed article's five come
 * first); a few rows re-punctuate a real reference the loose way clinics
 * paste them.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "folio/doc.h"

#define MAX_AUTHORS 10

typedef struct cite_case {
	const char *text;
	const char *authors[MAX_AUTHORS]; /* NULL-terminated */
	int et_al;
	/* indexed by folio_cite_field; [FOLIO_CITE_TEXT] is unused (checked apart) */
	const char *field[FOLIO_CITE_FIELD_COUNT];
} cite_case;

/* Shorthand for a row's fields in the enum's order. */
#define F(title, journal, year, vol, iss, pages, doi, pmid, url)                                   \
	{                                                                                          \
		NULL, title, journal, year, vol, iss, pages, doi, pmid, url                        \
	}

static const cite_case cases[] = {
    /* ---- the seed article's five (AMA) ---- */
    {"Chou L-W, Kao M-J, Lin J-G. Probable Mechanisms of Needling Therapies for Myofascial Pain "
     "Control. Evidence-based Complementary and Alternative Medicine : eCAM. 2012;2012:705327. "
     "doi:10.1155/2012/705327.",
     {"Chou L-W", "Kao M-J", "Lin J-G"},
     0,
     F("Probable Mechanisms of Needling Therapies for Myofascial Pain Control",
       "Evidence-based Complementary and Alternative Medicine : eCAM", "2012", "2012", NULL,
       "705327", "10.1155/2012/705327", NULL, NULL)},
    {"Dunning J, Butts R, Mourad F, Young I, Flannagan S, Perreault T. Dry needling: a literature "
     "review with implications for clinical practice guidelines. Physical Therapy Reviews. "
     "2014;19(4):252-265. doi:10.1179/108331913X13844245102034.",
     {"Dunning J", "Butts R", "Mourad F", "Young I", "Flannagan S", "Perreault T"},
     0,
     F("Dry needling: a literature review with implications for clinical practice guidelines",
       "Physical Therapy Reviews", "2014", "19", "4", "252-265", "10.1179/108331913X13844245102034",
       NULL, NULL)},
    {"Gattie ER, Cleland JA, Snodgrass SJ. Dry Needling for Patients With Neck Pain: Protocol of a "
     "Randomized Clinical Trial. Eysenbach G, ed. JMIR Research Protocols. 2017;6(11):e227. "
     "doi:10.2196/resprot.7980.",
     {"Gattie ER", "Cleland JA", "Snodgrass SJ"},
     0,
     F("Dry Needling for Patients With Neck Pain: Protocol of a Randomized Clinical Trial",
       "JMIR Research Protocols", "2017", "6", "11", "e227", "10.2196/resprot.7980", NULL, NULL)},
    {"Linde K, Allais G, Brinkhaus B, et al. Acupuncture for the prevention of tension-type "
     "headache. The Cochrane database of systematic reviews. 2016;4:CD007587. "
     "doi:10.1002/14651858.CD007587.pub2.",
     {"Linde K", "Allais G", "Brinkhaus B"},
     1,
     F("Acupuncture for the prevention of tension-type headache",
       "The Cochrane database of systematic reviews", "2016", "4", NULL, "CD007587",
       "10.1002/14651858.CD007587.pub2", NULL, NULL)},
    {"Qin Z, Zang Z, Wu J, Zhou J, Liu Z. Efficacy of acupuncture for chronic prostatitis/chronic "
     "pelvic pain syndromes: study protocol for a randomized, sham acupuncture-controlled trial. "
     "BMC "
     "Complementary and Alternative Medicine. 2016;16:440. doi:10.1186/s12906-016-1428-y.",
     {"Qin Z", "Zang Z", "Wu J", "Zhou J", "Liu Z"},
     0,
     F("Efficacy of acupuncture for chronic prostatitis/chronic pelvic pain syndromes: study "
       "protocol for a randomized, sham acupuncture-controlled trial",
       "BMC Complementary and Alternative Medicine", "2016", "16", NULL, "440",
       "10.1186/s12906-016-1428-y", NULL, NULL)},
    /* ---- AMA ---- */
    {"Hartvigsen J, Hancock MJ, Kongsted A, et al. What low back pain is and why we need to pay "
     "attention. Lancet. 2018;391(10137):2356-2367. doi:10.1016/S0140-6736(18)30480-X",
     {"Hartvigsen J", "Hancock MJ", "Kongsted A"},
     1,
     F("What low back pain is and why we need to pay attention", "Lancet", "2018", "391", "10137",
       "2356-2367", "10.1016/S0140-6736(18)30480-X", NULL, NULL)},
    {"Foster NE, Anema JR, Cherkin D, et al. Prevention and treatment of low back pain: evidence, "
     "challenges, and promising directions. Lancet. 2018;391(10137):2368-2383. "
     "doi:10.1016/S0140-6736(18)30489-6.",
     {"Foster NE", "Anema JR", "Cherkin D"},
     1,
     F("Prevention and treatment of low back pain: evidence, challenges, and promising directions",
       "Lancet", "2018", "391", "10137", "2368-2383", "10.1016/S0140-6736(18)30489-6", NULL, NULL)},
    {"Lewis J. Rotator cuff related shoulder pain: Assessment, management and uncertainties. Man "
     "Ther. 2016;23:57-68. doi:10.1016/j.math.2016.03.009",
     {"Lewis J"},
     0,
     F("Rotator cuff related shoulder pain: Assessment, management and uncertainties", "Man Ther",
       "2016", "23", NULL, "57-68", "10.1016/j.math.2016.03.009", NULL, NULL)},
    {"Vickers AJ, Vertosick EA, Lewith G, et al. Acupuncture for Chronic Pain: Update of an "
     "Individual Patient Data Meta-Analysis. J Pain. 2018;19(5):455-474. "
     "doi:10.1016/j.jpain.2017.11.005",
     {"Vickers AJ", "Vertosick EA", "Lewith G"},
     1,
     F("Acupuncture for Chronic Pain: Update of an Individual Patient Data Meta-Analysis", "J Pain",
       "2018", "19", "5", "455-474", "10.1016/j.jpain.2017.11.005", NULL, NULL)},
    {"Kietrys DM, Palombaro KM, Azzaretto E, et al. Effectiveness of dry needling for "
     "upper-quarter myofascial pain: a systematic review and meta-analysis. J Orthop Sports Phys "
     "Ther. 2013;43(9):620-634. doi:10.2519/jospt.2013.4668",
     {"Kietrys DM", "Palombaro KM", "Azzaretto E"},
     1,
     F("Effectiveness of dry needling for upper-quarter myofascial pain: a systematic review and "
       "meta-analysis",
       "J Orthop Sports Phys Ther", "2013", "43", "9", "620-634", "10.2519/jospt.2013.4668", NULL,
       NULL)},
    {"Cagnie B, Dewitte V, Barbe T, Timmermans F, Delrue N, Meeus M. Physiologic effects of dry "
     "needling. Curr Pain Headache Rep. 2013;17(8):348. doi:10.1007/s11916-013-0348-5",
     {"Cagnie B", "Dewitte V", "Barbe T", "Timmermans F", "Delrue N", "Meeus M"},
     0,
     F("Physiologic effects of dry needling", "Curr Pain Headache Rep", "2013", "17", "8", "348",
       "10.1007/s11916-013-0348-5", NULL, NULL)},
    /* issue without volume */
    {"Furlan AD, Giraldo M, Baskwill A, Irvin E, Imamura M. Massage for low-back pain. Cochrane "
     "Database Syst Rev. 2015;(9):CD001929. doi:10.1002/14651858.CD001929.pub3",
     {"Furlan AD", "Giraldo M", "Baskwill A", "Irvin E", "Imamura M"},
     0,
     F("Massage for low-back pain", "Cochrane Database Syst Rev", "2015", NULL, "9", "CD001929",
       "10.1002/14651858.CD001929.pub3", NULL, NULL)},
    /* accented names, hyphenated surnames */
    {"Fernández-de-las-Peñas C, Nijs J. Trigger point dry needling for the treatment of "
     "myofascial pain syndrome: current perspectives within a pain neuroscience paradigm. J Pain "
     "Res. 2019;12:1899-1911. doi:10.2147/JPR.S154728",
     {"Fernández-de-las-Peñas C", "Nijs J"},
     0,
     F("Trigger point dry needling for the treatment of myofascial pain syndrome: current "
       "perspectives within a pain neuroscience paradigm",
       "J Pain Res", "2019", "12", NULL, "1899-1911", "10.2147/JPR.S154728", NULL, NULL)},
    /* a journal whose name holds a year; a title with parentheses and a year */
    {"Ardern CL, Büttner F, Andrade R, et al. Implementing the 27 PRISMA 2020 Statement items for "
     "systematic reviews in the sport and exercise medicine, musculoskeletal rehabilitation and "
     "sports science fields: the PERSiST (implementing Prisma in Exercise, Rehabilitation, Sport "
     "medicine and SporTs science) guidance. Br J Sports Med. 2022;56(4):175-195 "
     "(doi:10.1136/bjsports-2021-103987).",
     {"Ardern CL", "Büttner F", "Andrade R"},
     1,
     F("Implementing the 27 PRISMA 2020 Statement items for systematic reviews in the sport and "
       "exercise medicine, musculoskeletal rehabilitation and sports science fields: the PERSiST "
       "(implementing Prisma in Exercise, Rehabilitation, Sport medicine and SporTs science) "
       "guidance",
       "Br J Sports Med", "2022", "56", "4", "175-195", "10.1136/bjsports-2021-103987", NULL,
       NULL)},
    {"Furlan AD, Imamura M, Dryden T, Irvin E. Massage for low back pain: an updated systematic "
     "review within the framework of the Cochrane Back Review Group. Spine (Phila Pa 1976). "
     "2009;34(16):1669-1684. doi:10.1097/BRS.0b013e3181ad7bd6",
     {"Furlan AD", "Imamura M", "Dryden T", "Irvin E"},
     0,
     F("Massage for low back pain: an updated systematic review within the framework of the "
       "Cochrane Back Review Group",
       "Spine (Phila Pa 1976)", "2009", "34", "16", "1669-1684", "10.1097/BRS.0b013e3181ad7bd6",
       NULL, NULL)},
    /* titles that end with, or hold, a question */
    {"Lewis JS. Rotator cuff tendinopathy/subacromial impingement syndrome: is it time for a new "
     "method of assessment? Br J Sports Med. 2009;43(4):259-264. doi:10.1136/bjsm.2008.052183",
     {"Lewis JS"},
     0,
     F("Rotator cuff tendinopathy/subacromial impingement syndrome: is it time for a new method of "
       "assessment?",
       "Br J Sports Med", "2009", "43", "4", "259-264", "10.1136/bjsm.2008.052183", NULL, NULL)},
    {"Cook JL, Purdam CR. Is tendon pathology a continuum? A pathology model to explain the "
     "clinical presentation of load-induced tendinopathy. Br J Sports Med. 2009;43(6):409-416. "
     "doi:10.1136/bjsm.2008.051193",
     {"Cook JL", "Purdam CR"},
     0,
     F("Is tendon pathology a continuum? A pathology model to explain the clinical presentation of "
       "load-induced tendinopathy",
       "Br J Sports Med", "2009", "43", "6", "409-416", "10.1136/bjsm.2008.051193", NULL, NULL)},
    /* a journal abbreviated with dots, no DOI */
    {"Bialosky JE, Bishop MD, Price DD, Robinson ME, George SZ. The mechanisms of manual therapy "
     "in "
     "the treatment of musculoskeletal pain: a comprehensive model. Man. Ther. "
     "2009;14(5):531-538.",
     {"Bialosky JE", "Bishop MD", "Price DD", "Robinson ME", "George SZ"},
     0,
     F("The mechanisms of manual therapy in the treatment of musculoskeletal pain: a comprehensive "
       "model",
       "Man. Ther.", "2009", "14", "5", "531-538", NULL, NULL, NULL)},
    {"Dommerholt J, Mayoral del Moral O, Gröbli C. Trigger point dry needling. J Man Manip Ther. "
     "2006;14(4):E70-E87.",
     {"Dommerholt J", "Mayoral del Moral O", "Gröbli C"},
     0,
     F("Trigger point dry needling", "J Man Manip Ther", "2006", "14", "4", "E70-E87", NULL, NULL,
       NULL)},
    /* "vs." inside a title does not end it (a clinic's abbreviation of "versus") */
    {"Llamas-Ramos R, Pecos-Martín D, Gallego-Izquierdo T, et al. Comparison of the short-term "
     "outcomes between trigger point dry needling vs. trigger point manual therapy for the "
     "management of chronic mechanical neck pain: a randomized clinical trial. J Orthop Sports "
     "Phys Ther. 2014;44(11):852-861. doi:10.2519/jospt.2014.5229",
     {"Llamas-Ramos R", "Pecos-Martín D", "Gallego-Izquierdo T"},
     1,
     F("Comparison of the short-term outcomes between trigger point dry needling vs. trigger "
       "point manual therapy for the management of chronic mechanical neck pain: a randomized "
       "clinical trial",
       "J Orthop Sports Phys Ther", "2014", "44", "11", "852-861", "10.2519/jospt.2014.5229", NULL,
       NULL)},
    /* a list number left in front */
    {"3. Moseley GL, Butler DS. Fifteen Years of Explaining Pain: The Past, Present, and Future. "
     "J Pain. 2015;16(9):807-813. doi:10.1016/j.jpain.2015.05.005",
     {"Moseley GL", "Butler DS"},
     0,
     F("Fifteen Years of Explaining Pain: The Past, Present, and Future", "J Pain", "2015", "16",
       "9", "807-813", "10.1016/j.jpain.2015.05.005", NULL, NULL)},
    /* loose: no dot after the journal, spaces inside the numbers */
    {"Cagnie B, et al. Physiologic effects of dry needling. Curr Pain Headache Rep 2013; 17(8): "
     "348.",
     {"Cagnie B"},
     1,
     F("Physiologic effects of dry needling", "Curr Pain Headache Rep", "2013", "17", "8", "348",
       NULL, NULL, NULL)},
    /* the old resolver is a DOI, not a URL */
    {"Kalichman L, Vulfsons S. Dry needling in the management of musculoskeletal pain. J Am Board "
     "Fam Med. 2010;23(5):640-646. http://dx.doi.org/10.3122/jabfm.2010.05.090296",
     {"Kalichman L", "Vulfsons S"},
     0,
     F("Dry needling in the management of musculoskeletal pain", "J Am Board Fam Med", "2010", "23",
       "5", "640-646", "10.3122/jabfm.2010.05.090296", NULL, NULL)},
    /* ---- Vancouver / PubMed ---- */
    {"Gattie E, Cleland JA, Snodgrass S. The Effectiveness of Trigger Point Dry Needling for "
     "Musculoskeletal Conditions by Physical Therapists: A Systematic Review and Meta-analysis. J "
     "Orthop Sports Phys Ther. 2017 Mar;47(3):133-149. doi: 10.2519/jospt.2017.7096. Epub 2017 Feb "
     "3. PMID: 28158962.",
     {"Gattie E", "Cleland JA", "Snodgrass S"},
     0,
     F("The Effectiveness of Trigger Point Dry Needling for Musculoskeletal Conditions by Physical "
       "Therapists: A Systematic Review and Meta-analysis",
       "J Orthop Sports Phys Ther", "2017", "47", "3", "133-149", "10.2519/jospt.2017.7096",
       "28158962", NULL)},
    {"Hayden JA, Ellis J, Ogilvie R, Malmivaara A, van Tulder MW. Exercise therapy for chronic low "
     "back pain. Cochrane Database Syst Rev. 2021 Sep 28;9(9):CD009790. doi: "
     "10.1002/14651858.CD009790.pub2. PMID: 34580864; PMCID: PMC8477273.",
     {"Hayden JA", "Ellis J", "Ogilvie R", "Malmivaara A", "van Tulder MW"},
     0,
     F("Exercise therapy for chronic low back pain", "Cochrane Database Syst Rev", "2021", "9", "9",
       "CD009790", "10.1002/14651858.CD009790.pub2", "34580864", NULL)},
    {"Hayden JA, van Tulder MW, Malmivaara A, Koes BW. Exercise therapy for treatment of "
     "non-specific low back pain. Cochrane Database Syst Rev. 2005;(3):CD000335. "
     "doi:10.1002/14651858.CD000335.pub2. PubMed PMID: 16034851.",
     {"Hayden JA", "van Tulder MW", "Malmivaara A", "Koes BW"},
     0,
     F("Exercise therapy for treatment of non-specific low back pain", "Cochrane Database Syst Rev",
       "2005", NULL, "3", "CD000335", "10.1002/14651858.CD000335.pub2", "16034851", NULL)},
    {"Sterling M, de Zoete RMJ, Coppieters I, Farrell SF. Best Evidence Rehabilitation for Chronic "
     "Pain Part 4: Neck Pain. J Clin Med. 2019 Jul 25;8(8):1219. doi: 10.3390/jcm8081219.",
     {"Sterling M", "de Zoete RMJ", "Coppieters I", "Farrell SF"},
     0,
     F("Best Evidence Rehabilitation for Chronic Pain Part 4: Neck Pain", "J Clin Med", "2019", "8",
       "8", "1219", "10.3390/jcm8081219", NULL, NULL)},
    {"Louw A, Diener I, Butler DS, Puentedura EJ. The effect of neuroscience education on pain, "
     "disability, anxiety, and stress in chronic musculoskeletal pain. Arch Phys Med Rehabil. 2011 "
     "Dec;92(12):2041-56. doi: 10.1016/j.apmr.2011.07.198. PMID: 22133255.",
     {"Louw A", "Diener I", "Butler DS", "Puentedura EJ"},
     0,
     F("The effect of neuroscience education on pain, disability, anxiety, and stress in chronic "
       "musculoskeletal pain",
       "Arch Phys Med Rehabil", "2011", "92", "12", "2041-56", "10.1016/j.apmr.2011.07.198",
       "22133255", NULL)},
    /* ahead of print: year, month and day, then a publisher's article id */
    {"Caneiro JP, Bunzli S, O'Sullivan P. Beliefs about the body and pain: the critical role in "
     "musculoskeletal pain management. Braz J Phys Ther. 2020 Jul 10:S1413-3555(20)30404-8. doi: "
     "10.1016/j.bjpt.2020.06.003. Epub ahead of print.",
     {"Caneiro JP", "Bunzli S", "O'Sullivan P"},
     0,
     F("Beliefs about the body and pain: the critical role in musculoskeletal pain management",
       "Braz J Phys Ther", "2020", NULL, NULL, "S1413-3555(20)30404-8",
       "10.1016/j.bjpt.2020.06.003", NULL, NULL)},
    /* books: the publisher is not kept; editions are dropped */
    {"Travell JG, Simons DG. Myofascial Pain and Dysfunction: The Trigger Point Manual. Baltimore: "
     "Williams & Wilkins; 1983.",
     {"Travell JG", "Simons DG"},
     0,
     F("Myofascial Pain and Dysfunction: The Trigger Point Manual", NULL, "1983", NULL, NULL, NULL,
       NULL, NULL, NULL)},
    {"American College of Sports Medicine. ACSM's Guidelines for Exercise Testing and "
     "Prescription. 10th ed. Philadelphia: Wolters Kluwer; 2018.",
     {"American College of Sports Medicine"},
     0,
     F("ACSM's Guidelines for Exercise Testing and Prescription", NULL, "2018", NULL, NULL, NULL,
       NULL, NULL, NULL)},
    /* Vancouver web page with [Internet], [updated ...; cited ...], Available from */
    {"National Institute for Health and Care Excellence. Low back pain and sciatica in over 16s: "
     "assessment and management [Internet]. London: NICE; 2016 [updated 2020 Dec 11; cited 2024 "
     "Mar 1]. Available from: https://www.nice.org.uk/guidance/ng59",
     {"National Institute for Health and Care Excellence"},
     0,
     F("Low back pain and sciatica in over 16s: assessment and management", NULL, "2016", NULL,
       NULL, NULL, NULL, NULL, "https://www.nice.org.uk/guidance/ng59")},
    /* a group author with a year in its name */
    {"GBD 2019 Diseases and Injuries Collaborators. Global burden of 369 diseases and injuries in "
     "204 countries and territories, 1990-2019: a systematic analysis for the Global Burden of "
     "Disease Study 2019. Lancet. 2020;396(10258):1204-1222. doi:10.1016/S0140-6736(20)30925-9",
     {"GBD 2019 Diseases and Injuries Collaborators"},
     0,
     F("Global burden of 369 diseases and injuries in 204 countries and territories, 1990-2019: a "
       "systematic analysis for the Global Burden of Disease Study 2019",
       "Lancet", "2020", "396", "10258", "1204-1222", "10.1016/S0140-6736(20)30925-9", NULL, NULL)},
    /* online first: the year comes from "Published online" */
    {"Lin I, Wiles L, Waller R, et al. What does best practice care for musculoskeletal pain look "
     "like? Eleven consistent recommendations from high-quality clinical practice guidelines: "
     "systematic review. Br J Sports Med. Published online March 26, 2019. "
     "doi:10.1136/bjsports-2018-099878",
     {"Lin I", "Wiles L", "Waller R"},
     1,
     F("What does best practice care for musculoskeletal pain look like? Eleven consistent "
       "recommendations from high-quality clinical practice guidelines: systematic review",
       "Br J Sports Med", "2019", NULL, NULL, NULL, "10.1136/bjsports-2018-099878", NULL, NULL)},
    /* a DOI in angle brackets; a bracketed list number */
    {"[7] Littlewood C, Bateman M, Brown K, et al. A self-managed single exercise programme versus "
     "usual physiotherapy treatment for rotator cuff tendinopathy: a randomised controlled trial "
     "(the SELF study). Clin Rehabil. 2016;30(7):686-696. "
     "<https://doi.org/10.1177/0269215515593784>",
     {"Littlewood C", "Bateman M", "Brown K"},
     1,
     F("A self-managed single exercise programme versus usual physiotherapy treatment for rotator "
       "cuff tendinopathy: a randomised controlled trial (the SELF study)",
       "Clin Rehabil", "2016", "30", "7", "686-696", "10.1177/0269215515593784", NULL, NULL)},
    /* a chapter: the book is the container, the editors are dropped */
    {"Dommerholt J. Trigger point dry needling. In: Dommerholt J, Huijbregts P, eds. Myofascial "
     "Trigger Points: Pathophysiology and Evidence-Informed Diagnosis and Management. Sudbury, MA: "
     "Jones & Bartlett; 2011:159-190.",
     {"Dommerholt J"},
     0,
     F("Trigger point dry needling",
       "Myofascial Trigger Points: Pathophysiology and Evidence-Informed Diagnosis and Management",
       "2011", NULL, NULL, "159-190", NULL, NULL, NULL)},
    /* Vancouver web page by its site */
    {"Physiopedia. Dry needling [Internet]. [cited 2024 May 1]. Available from: "
     "https://www.physio-pedia.com/Dry_Needling",
     {"Physiopedia"},
     0,
     F("Dry needling", NULL, NULL, NULL, NULL, NULL, NULL, NULL,
       "https://www.physio-pedia.com/Dry_Needling")},
    /* ---- AMA web pages ---- */
    {"Physical therapy guide to low back pain. ChoosePT. Published April 2, 2021. Accessed March "
     "3, 2024. https://www.choosept.com/guide/physical-therapy-guide-low-back-pain",
     {NULL},
     0,
     F("Physical therapy guide to low back pain", "ChoosePT", "2021", NULL, NULL, NULL, NULL, NULL,
       "https://www.choosept.com/guide/physical-therapy-guide-low-back-pain")},
    {"Acupuncture: What You Need To Know. National Center for Complementary and Integrative "
     "Health. Updated October 2022. Accessed January 15, 2024. "
     "https://www.nccih.nih.gov/health/acupuncture-what-you-need-to-know.",
     {NULL},
     0,
     F("Acupuncture: What You Need To Know",
       "National Center for Complementary and Integrative Health", "2022", NULL, NULL, NULL, NULL,
       NULL, "https://www.nccih.nih.gov/health/acupuncture-what-you-need-to-know")},
    /* ---- APA ---- */
    {"Dunning, J., Butts, R., Mourad, F., Young, I., Flannagan, S., & Perreault, T. (2014). Dry "
     "needling: A literature review with implications for clinical practice guidelines. Physical "
     "Therapy Reviews, 19(4), 252–265. https://doi.org/10.1179/108331913X13844245102034",
     {"Dunning, J.", "Butts, R.", "Mourad, F.", "Young, I.", "Flannagan, S.", "Perreault, T."},
     0,
     F("Dry needling: A literature review with implications for clinical practice guidelines",
       "Physical Therapy Reviews", "2014", "19", "4", "252–265", "10.1179/108331913X13844245102034",
       NULL, NULL)},
    {"Shah, J. P., Danoff, J. V., Desai, M. J., Parikh, S., Nakamura, L. Y., Phillips, T. M., & "
     "Gerber, L. H. (2008). Biochemicals associated with pain and inflammation are elevated in "
     "sites near to and remote from active myofascial trigger points. Archives of Physical "
     "Medicine and Rehabilitation, 89(1), 16–23. https://doi.org/10.1016/j.apmr.2007.10.018",
     {"Shah, J. P.", "Danoff, J. V.", "Desai, M. J.", "Parikh, S.", "Nakamura, L. Y.",
      "Phillips, T. M.", "Gerber, L. H."},
     0,
     F("Biochemicals associated with pain and inflammation are elevated in sites near to and "
       "remote from active myofascial trigger points",
       "Archives of Physical Medicine and Rehabilitation", "2008", "89", "1", "16–23",
       "10.1016/j.apmr.2007.10.018", NULL, NULL)},
    {"Cook, J. L., & Purdam, C. R. (2009). Is tendon pathology a continuum? A pathology model to "
     "explain the clinical presentation of load-induced tendinopathy. British Journal of Sports "
     "Medicine, 43(6), 409–416. https://doi.org/10.1136/bjsm.2008.051193",
     {"Cook, J. L.", "Purdam, C. R."},
     0,
     F("Is tendon pathology a continuum? A pathology model to explain the clinical presentation of "
       "load-induced tendinopathy",
       "British Journal of Sports Medicine", "2009", "43", "6", "409–416",
       "10.1136/bjsm.2008.051193", NULL, NULL)},
    /* APA 7 article number; hyphenated initials; volume without issue */
    {"Gattie, E., Cleland, J. A., & Snodgrass, S. (2017). Dry needling for patients with neck "
     "pain: Protocol of a randomized clinical trial. JMIR Research Protocols, 6(11), Article e227. "
     "https://doi.org/10.2196/resprot.7980",
     {"Gattie, E.", "Cleland, J. A.", "Snodgrass, S."},
     0,
     F("Dry needling for patients with neck pain: Protocol of a randomized clinical trial",
       "JMIR Research Protocols", "2017", "6", "11", "e227", "10.2196/resprot.7980", NULL, NULL)},
    {"Chou, L.-W., Kao, M.-J., & Lin, J.-G. (2012). Probable mechanisms of needling therapies for "
     "myofascial pain control. Evidence-Based Complementary and Alternative Medicine, 2012, "
     "705327. https://doi.org/10.1155/2012/705327",
     {"Chou, L.-W.", "Kao, M.-J.", "Lin, J.-G."},
     0,
     F("Probable mechanisms of needling therapies for myofascial pain control",
       "Evidence-Based Complementary and Alternative Medicine", "2012", "2012", NULL, "705327",
       "10.1155/2012/705327", NULL, NULL)},
    /* the "et al." that clinics paste into APA */
    {"Linde, K., et al. (2016). Acupuncture for the prevention of tension-type headache. Cochrane "
     "Database of Systematic Reviews, 4, CD007587.",
     {"Linde, K."},
     1,
     F("Acupuncture for the prevention of tension-type headache",
       "Cochrane Database of Systematic Reviews", "2016", "4", NULL, "CD007587", NULL, NULL, NULL)},
    /* APA web page by a group author */
    {"World Health Organization. (2023, June 19). Low back pain. "
     "https://www.who.int/news-room/fact-sheets/detail/low-back-pain",
     {"World Health Organization"},
     0,
     F("Low back pain", NULL, "2023", NULL, NULL, NULL, NULL, NULL,
       "https://www.who.int/news-room/fact-sheets/detail/low-back-pain")},
    /* APA book: the edition note leaves the title, the publisher is the container */
    {"Dommerholt, J., & Fernández-de-las-Peñas, C. (2019). Trigger point dry needling: An evidence "
     "and clinical-based approach (2nd ed.). Elsevier.",
     {"Dommerholt, J.", "Fernández-de-las-Peñas, C."},
     0,
     F("Trigger point dry needling: An evidence and clinical-based approach", "Elsevier", "2019",
       NULL, NULL, NULL, NULL, NULL, NULL)},
    /* ---- Harvard ---- */
    {"Hall, T. et al. (2007) Efficacy of a C1-C2 self-sustained natural apophyseal glide (SNAG) in "
     "the management of cervicogenic headache. J Orthop Sports Phys Ther 37(3): 100-107.",
     {"Hall, T."},
     1,
     F("Efficacy of a C1-C2 self-sustained natural apophyseal glide (SNAG) in the management of "
       "cervicogenic headache",
       "J Orthop Sports Phys Ther", "2007", "37", "3", "100-107", NULL, NULL, NULL)},
    {"NHS (2020) Back pain. Available at: https://www.nhs.uk/conditions/back-pain/ (Accessed: 1 "
     "May 2024).",
     {"NHS"},
     0,
     F("Back pain", NULL, "2020", NULL, NULL, NULL, NULL, NULL,
       "https://www.nhs.uk/conditions/back-pain/")},

    {"Dunning, J., Butts, R., Mourad, F., Young, I., Flannagan, S. and Perreault, T. (2014) 'Dry "
     "needling: a literature review with implications for clinical practice guidelines', Physical "
     "Therapy Reviews, 19(4), pp. 252–265. doi: 10.1179/108331913X13844245102034.",
     {"Dunning, J.", "Butts, R.", "Mourad, F.", "Young, I.", "Flannagan, S.", "Perreault, T."},
     0,
     F("Dry needling: a literature review with implications for clinical practice guidelines",
       "Physical Therapy Reviews", "2014", "19", "4", "252–265", "10.1179/108331913X13844245102034",
       NULL, NULL)},
    {"Moseley GL, Butler DS (2015) Fifteen years of explaining pain: the past, present, and "
     "future. J Pain 16(9):807–813. https://doi.org/10.1016/j.jpain.2015.05.005",
     {"Moseley GL", "Butler DS"},
     0,
     F("Fifteen years of explaining pain: the past, present, and future", "J Pain", "2015", "16",
       "9", "807–813", "10.1016/j.jpain.2015.05.005", NULL, NULL)},
    /* ---- loose shapes clinics paste ---- */
    {"Chou LW, et al. (2012). Probable mechanisms of needling therapies for myofascial pain "
     "control. Evid Based Complement Alternat Med. 2012:705327.",
     {"Chou LW"},
     1,
     F("Probable mechanisms of needling therapies for myofascial pain control",
       "Evid Based Complement Alternat Med", "2012", "2012", NULL, "705327", NULL, NULL, NULL)},
    {"Dunning J et al (2014). Dry needling: a literature review with implications for clinical "
     "practice guidelines. Physical Therapy Reviews 19(4): 252-265.",
     {"Dunning J"},
     1,
     F("Dry needling: a literature review with implications for clinical practice guidelines",
       "Physical Therapy Reviews", "2014", "19", "4", "252-265", NULL, NULL, NULL)},
    /* dotted initials keep their dots, the last one too */
    {"Chou L.W., Kao M.J., Lin J.G. Probable mechanisms of needling therapies for myofascial pain "
     "control. Evid Based Complement Alternat Med. 2012;2012:705327.",
     {"Chou L.W.", "Kao M.J.", "Lin J.G."},
     0,
     F("Probable mechanisms of needling therapies for myofascial pain control",
       "Evid Based Complement Alternat Med", "2012", "2012", NULL, "705327", NULL, NULL, NULL)},
    /* Harvard with "and" and unspaced initials */
    {"Cook, J.L. and Purdam, C.R. (2009) Is tendon pathology a continuum? A pathology model to "
     "explain the clinical presentation of load-induced tendinopathy. British Journal of Sports "
     "Medicine, 43(6), pp. 409-416.",
     {"Cook, J.L.", "Purdam, C.R."},
     0,
     F("Is tendon pathology a continuum? A pathology model to explain the clinical presentation of "
       "load-induced tendinopathy",
       "British Journal of Sports Medicine", "2009", "43", "6", "409-416", NULL, NULL, NULL)},
    /* the shape encyclopedias print: semicolons between authors, quoted title */
    {"Moseley, G. Lorimer; Butler, David S. (2015). \"Fifteen Years of Explaining Pain: The Past, "
     "Present, and Future\". The Journal of Pain. 16 (9): 807–813. "
     "doi:10.1016/j.jpain.2015.05.005. PMID 26051220.",
     {"Moseley, G. Lorimer", "Butler, David S."},
     0,
     F("Fifteen Years of Explaining Pain: The Past, Present, and Future", "The Journal of Pain",
       "2015", "16", "9", "807–813", "10.1016/j.jpain.2015.05.005", "26051220", NULL)},
    {"Butler, D. S., & Moseley, G. L. (2013). Explain pain (2nd ed.). Noigroup Publications.",
     {"Butler, D. S.", "Moseley, G. L."},
     0,
     F("Explain pain", "Noigroup Publications", "2013", NULL, NULL, NULL, NULL, NULL, NULL)},
    {"Hoy D, Bain C, Williams G, et al. A systematic review of the global prevalence of low back "
     "pain. Arthritis Rheum. 2012 Jun;64(6):2028-37. doi: 10.1002/art.34347. Epub 2012 Feb 9. "
     "PMID: 22231424.",
     {"Hoy D", "Bain C", "Williams G"},
     1,
     F("A systematic review of the global prevalence of low back pain", "Arthritis Rheum", "2012",
       "64", "6", "2028-37", "10.1002/art.34347", "22231424", NULL)},
    /* APA without a date, and "Retrieved ... from" */
    {"Physiopedia. (n.d.). Dry needling. Retrieved May 1, 2024, from "
     "https://www.physio-pedia.com/Dry_Needling",
     {"Physiopedia"},
     0,
     F("Dry needling", NULL, NULL, NULL, NULL, NULL, NULL, NULL,
       "https://www.physio-pedia.com/Dry_Needling")},
    {"American Physical Therapy Association. (2013). Description of dry needling in clinical "
     "practice: An educational resource paper. Retrieved from https://www.apta.org/",
     {"American Physical Therapy Association"},
     0,
     F("Description of dry needling in clinical practice: An educational resource paper", NULL,
       "2013", NULL, NULL, NULL, NULL, NULL, "https://www.apta.org/")},
    /* APA 6 with "doi:" */
    {"Bialosky, J. E., Bishop, M. D., Price, D. D., Robinson, M. E., & George, S. Z. (2009). The "
     "mechanisms of manual therapy in the treatment of musculoskeletal pain: A comprehensive "
     "model. "
     "Manual Therapy, 14(5), 531–538. doi:10.1016/j.math.2008.09.001",
     {"Bialosky, J. E.", "Bishop, M. D.", "Price, D. D.", "Robinson, M. E.", "George, S. Z."},
     0,
     F("The mechanisms of manual therapy in the treatment of musculoskeletal pain: A comprehensive "
       "model",
       "Manual Therapy", "2009", "14", "5", "531–538", "10.1016/j.math.2008.09.001", NULL, NULL)},
    /* Springer's reference style */
    {"Lewis J (2016) Rotator cuff related shoulder pain: assessment, management and "
     "uncertainties. Man Ther 23:57–68",
     {"Lewis J"},
     0,
     F("Rotator cuff related shoulder pain: assessment, management and uncertainties", "Man Ther",
       "2016", "23", NULL, "57–68", NULL, NULL, NULL)},
    /* PMCID is not kept; a PMC address is the URL */
    {"Sterling M, de Zoete RMJ, Coppieters I, Farrell SF. Best Evidence Rehabilitation for Chronic "
     "Pain Part 4: Neck Pain. J Clin Med. 2019;8(8):1219. PMID: 31370226 PMCID: PMC6723111 "
     "https://www.ncbi.nlm.nih.gov/pmc/articles/PMC6723111/",
     {"Sterling M", "de Zoete RMJ", "Coppieters I", "Farrell SF"},
     0,
     F("Best Evidence Rehabilitation for Chronic Pain Part 4: Neck Pain", "J Clin Med", "2019", "8",
       "8", "1219", NULL, "31370226", "https://www.ncbi.nlm.nih.gov/pmc/articles/PMC6723111/")},
    /* nothing but an address */
    {"https://www.nhs.uk/conditions/back-pain/",
     {NULL},
     0,
     F(NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, "https://www.nhs.uk/conditions/back-pain/")},
};

/* Reports a difference between want and got (row and field named); returns
 * 1 when there is one. */
static int differs(size_t row, const char *name, const char *want, const char *got)
{
	if (want == NULL && got == NULL)
		return 0;
	if (want != NULL && got != NULL && strcmp(want, got) == 0)
		return 0;
	print_error("row %zu, %s: want \"%s\", got \"%s\"\n", row, name, want ? want : "(null)",
	            got ? got : "(null)");
	return 1;
}

/* Fails at once (for tests that own nothing that would leak). */
static void expect_field(size_t row, const char *name, const char *want, const char *got)
{
	if (differs(row, name, want, got))
		fail();
}

/* The number of fields of row k that differ from what the parser read. */
static int check_case(folio_doc *doc, size_t row, const cite_case *k)
{
	folio_error err;
	folio_error_clear(&err);
	folio_citation *c = folio_citation_parse(doc, k->text, strlen(k->text), &err);
	if (c == NULL) {
		print_error("row %zu: parse failed: %s\n", row, err.message);
		return 1;
	}
	int bad = 0;
	for (int f = FOLIO_CITE_TITLE; f < FOLIO_CITE_FIELD_COUNT; f++)
		bad += differs(row, folio_cite_field_name((folio_cite_field)f), k->field[f],
		               folio_citation_get(c, (folio_cite_field)f));
	size_t want = 0;
	while (want < MAX_AUTHORS && k->authors[want] != NULL)
		want++;
	for (size_t i = 0; i < want || i < folio_citation_author_count(c); i++)
		bad += differs(row, "author", i < want ? k->authors[i] : NULL,
		               folio_citation_author(c, i));
	if (folio_citation_et_al(c) != k->et_al) {
		print_error("row %zu: et_al want %d, got %d\n", row, k->et_al,
		            folio_citation_et_al(c));
		bad++;
	}
	/* The text is the input with its whitespace as it was (single spaces). */
	bad += differs(row, "text", k->text, folio_citation_get(c, FOLIO_CITE_TEXT));
	return bad;
}

static void test_citation_table(void **state)
{
	(void)state;
	folio_doc *doc = folio_doc_new();
	int bad = 0;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		bad += check_case(doc, i, &cases[i]);
	folio_doc_free(doc);
	assert_true(sizeof(cases) / sizeof(cases[0]) >= 30);
	assert_int_equal(bad, 0);
}

/* ---- whitespace, errors, accessors ---- */

static void test_text_whitespace_normalised(void **state)
{
	(void)state;
	folio_doc *doc = folio_doc_new();
	const char *in = "  Lewis J.\n  Rotator cuff related shoulder pain.\tMan Ther.\xC2\xA0"
	                 "2016;23:57-68.\r\n";
	folio_citation *c = folio_citation_parse(doc, in, strlen(in), NULL);
	assert_non_null(c);
	assert_string_equal(
	    folio_citation_get(c, FOLIO_CITE_TEXT),
	    "Lewis J. Rotator cuff related shoulder pain. Man Ther. 2016;23:57-68.");
	assert_string_equal(folio_citation_get(c, FOLIO_CITE_JOURNAL), "Man Ther");
	assert_string_equal(folio_citation_get(c, FOLIO_CITE_PAGES), "57-68");
	folio_doc_free(doc);
}

static void test_invalid_utf8_refused(void **state)
{
	(void)state;
	folio_doc *doc = folio_doc_new();
	folio_error err;
	folio_error_clear(&err);
	assert_null(folio_citation_parse(doc, "Smith J. Caf\xc3. 2019;1:2.", 24, &err));
	assert_int_equal(err.code, FOLIO_ERR_UTF8);
	folio_error_clear(&err);
	assert_null(folio_citation_parse(doc, "a\0b", 3, &err));
	assert_int_equal(err.code, FOLIO_ERR_UTF8);
	folio_error_clear(&err);
	assert_null(folio_citation_parse(NULL, "x", 1, &err));
	assert_int_equal(err.code, FOLIO_ERR_USAGE);
	folio_doc_free(doc);
}

static void test_accessors_still_work(void **state)
{
	(void)state;
	folio_doc *doc = folio_doc_new();
	folio_error err;
	folio_citation *c = folio_citation_new(doc);
	assert_non_null(c);
	assert_null(folio_citation_get(c, FOLIO_CITE_DOI));
	assert_int_equal(folio_citation_set(doc, c, FOLIO_CITE_DOI, "10.1000/xyz", &err), FOLIO_OK);
	assert_string_equal(folio_citation_get(c, FOLIO_CITE_DOI), "10.1000/xyz");
	assert_int_equal(folio_citation_set(doc, c, FOLIO_CITE_FIELD_COUNT, "x", &err),
	                 FOLIO_ERR_USAGE);
	assert_int_equal(folio_citation_add_author(doc, c, "Chou L-W", &err), FOLIO_OK);
	assert_int_equal(folio_citation_author_count(c), 1);
	assert_string_equal(folio_citation_author(c, 0), "Chou L-W");
	assert_null(folio_citation_author(c, 1));
	assert_string_equal(folio_cite_field_name(FOLIO_CITE_PMID), "pmid");
	assert_null(folio_cite_field_name(FOLIO_CITE_FIELD_COUNT));
	assert_null(folio_citation_get(NULL, FOLIO_CITE_TEXT));
	assert_int_equal(folio_citation_et_al(NULL), 0);
	folio_doc_free(doc);
}

/* ---- DOIs ---- */

typedef struct doi_case {
	const char *in;
	const char *out; /* NULL: not a DOI */
} doi_case;

static const doi_case doi_cases[] = {
    {"doi:10.1155/2012/705327.", "10.1155/2012/705327"},
    {"DOI: 10.1002/14651858.CD007587.pub2", "10.1002/14651858.CD007587.pub2"},
    {"https://doi.org/10.1186/s12906-016-1428-y", "10.1186/s12906-016-1428-y"},
    {"http://dx.doi.org/10.2196/resprot.7980,", "10.2196/resprot.7980"},
    {"https://www.doi.org/10.1179/108331913X13844245102034;", "10.1179/108331913X13844245102034"},
    {"doi.org/10.1000/xyz ", "10.1000/xyz"},
    {"  10.1016/S0140-6736(18)30480-X).", "10.1016/S0140-6736(18)30480-X"},
    {"10.1016/S0140-6736(18)30480-X", "10.1016/S0140-6736(18)30480-X"},
    {"doi 10.1000.10/Ab.C", "10.1000.10/Ab.C"},
    {"10.123456789/x", "10.123456789/x"},
    {"doi:10.1002/(SICI)1097-4636(199607)31:3<357::AID-JBM9>3.0.CO;2-J",
     "10.1002/(SICI)1097-4636(199607)31:3<357::AID-JBM9>3.0.CO;2-J"},
    {"", NULL},
    {"doi:", NULL},
    {"10.1000/", NULL},
    {"10.1000/.", NULL},
    {"10.123/abc", NULL},
    {"10.1234567890/abc", NULL},
    {"11.1000/abc", NULL},
    {"10.abcd/efg", NULL},
    {"10.1000./x", NULL},
    {"10.1000 /abc", NULL},
    {"10.1000/ abc", NULL},
    {"10.1000/abc def", NULL},
    {"doi: 10.1000/\xC2\xA0"
     "abc",
     NULL},
    {"https://example.org/10.1000/abc", NULL},
};

static void test_doi_normalize(void **state)
{
	(void)state;
	char out[128];
	for (size_t i = 0; i < sizeof(doi_cases) / sizeof(doi_cases[0]); i++) {
		const doi_case *k = &doi_cases[i];
		memset(out, 'x', sizeof(out));
		int ok = folio_doi_normalize(k->in, strlen(k->in), out, sizeof(out));
		if (ok != (k->out != NULL))
			fail_msg("doi %zu \"%s\": want %d, got %d", i, k->in, k->out != NULL, ok);
		expect_field(i, "doi", k->out ? k->out : "", out);
	}
}

static void test_doi_normalize_buffers(void **state)
{
	(void)state;
	char small[8];
	const char *doi = "doi:10.1155/2012/705327";
	assert_int_equal(folio_doi_normalize(doi, strlen(doi), small, sizeof(small)), 0);
	assert_string_equal(small, "");
	/* exactly long enough: 19 bytes and the NUL */
	char fit[20];
	assert_int_equal(folio_doi_normalize(doi, strlen(doi), fit, sizeof(fit)), 1);
	assert_string_equal(fit, "10.1155/2012/705327");
	/* only a check */
	assert_int_equal(folio_doi_normalize(doi, strlen(doi), NULL, 0), 1);
	assert_int_equal(folio_doi_normalize("10.1/x", 6, NULL, 0), 0);
	assert_int_equal(folio_doi_normalize(NULL, 0, fit, sizeof(fit)), 0);
	/* len is honoured: the tail beyond it is not read */
	assert_int_equal(folio_doi_normalize("10.1155/2012 705327", 12, fit, sizeof(fit)), 1);
	assert_string_equal(fit, "10.1155/2012");
}

static void test_doi_with_space_is_no_doi(void **state)
{
	(void)state;
	folio_doc *doc = folio_doc_new();
	const char *in = "Lewis J. Rotator cuff related shoulder pain. Man Ther. 2016;23:57-68. "
	                 "doi: 10.1016/ j.math.2016.03.009";
	folio_citation *c = folio_citation_parse(doc, in, strlen(in), NULL);
	assert_non_null(c);
	assert_null(folio_citation_get(c, FOLIO_CITE_DOI));
	assert_string_equal(folio_citation_get(c, FOLIO_CITE_PAGES), "57-68");
	assert_string_equal(folio_citation_get(c, FOLIO_CITE_JOURNAL), "Man Ther");
	/* a space later in the token only ends the DOI there */
	in = "Lewis J. Man Ther. 2016;23:57-68. doi:10.1016/j.math 2016.03.009";
	c = folio_citation_parse(doc, in, strlen(in), NULL);
	assert_string_equal(folio_citation_get(c, FOLIO_CITE_DOI), "10.1016/j.math");
	folio_doc_free(doc);
}

/* ---- garbage: never crash, never hang, return sane results ---- */

/* Every field a citation has is valid UTF-8 and no longer than the input. */
static void assert_sane(const folio_citation *c, size_t len)
{
	assert_non_null(c);
	for (int f = 0; f < FOLIO_CITE_FIELD_COUNT; f++) {
		const char *v = folio_citation_get(c, (folio_cite_field)f);
		if (f == FOLIO_CITE_TEXT)
			assert_non_null(v);
		if (v == NULL)
			continue;
		assert_true(strlen(v) <= len);
		assert_true(folio_utf8_valid(v, strlen(v), NULL));
		if (f != FOLIO_CITE_TEXT)
			assert_true(strlen(v) > 0);
	}
	for (size_t i = 0; i < folio_citation_author_count(c); i++) {
		const char *a = folio_citation_author(c, i);
		assert_true(strlen(a) > 0 && strlen(a) <= len);
	}
}

static void test_empty_input(void **state)
{
	(void)state;
	folio_doc *doc = folio_doc_new();
	const char *inputs[] = {
	    "", " \t\r\n ", ".", "()", "doi:", "PMID:", "https://", "1. ", "et al."};
	for (size_t i = 0; i < sizeof(inputs) / sizeof(inputs[0]); i++) {
		folio_citation *c = folio_citation_parse(doc, inputs[i], strlen(inputs[i]), NULL);
		assert_sane(c, strlen(inputs[i]));
		assert_null(folio_citation_get(c, FOLIO_CITE_DOI));
		assert_null(folio_citation_get(c, FOLIO_CITE_PMID));
		assert_null(folio_citation_get(c, FOLIO_CITE_URL));
		assert_null(folio_citation_get(c, FOLIO_CITE_YEAR));
	}
	folio_citation *c = folio_citation_parse(doc, NULL, 0, NULL);
	assert_non_null(c);
	assert_string_equal(folio_citation_get(c, FOLIO_CITE_TEXT), "");
	assert_int_equal(folio_citation_author_count(c), 0);
	folio_doc_free(doc);
}

#define BIG (100 * 1024)

/* Parses a large text and checks the result is sane. A quadratic scan of
 * 100 KB shows as ctest's time-out; the parser's speed is bench/'s business. */
static const folio_citation *big_parse(folio_doc *doc, const char *text, size_t len)
{
	folio_citation *c = folio_citation_parse(doc, text, len, NULL);
	assert_sane(c, len);
	return c;
}

/* Fills buf with the pattern repeated up to n bytes. */
static void fill(char *buf, size_t n, const char *pattern)
{
	size_t k = strlen(pattern);
	for (size_t i = 0; i < n; i++)
		buf[i] = pattern[i % k];
}

static void test_big_repetitive_input(void **state)
{
	(void)state;
	static const char *const patterns[] = {
	    "a",
	    ".",
	    " ",
	    "(",
	    ")",
	    "1",
	    "10.",
	    "10.1234/",
	    "(10.",
	    "2019;",
	    "(2019) ",
	    "Smith J, ",
	    "Dunning, J., ",
	    ". ",
	    "doi:",
	    "PMID: 1",
	    "http://",
	    "[",
	    "et al. ",
	    "\xC3\xA9",
	    "2019 Jan ",
	    ", 1(",
	    "'",
	    "10.1000/)",
	    "Published 2019. ",
	};
	char *buf = malloc(BIG);
	assert_non_null(buf);
	for (size_t i = 0; i < sizeof(patterns) / sizeof(patterns[0]); i++) {
		folio_doc *doc = folio_doc_new();
		size_t n = BIG - (BIG % strlen(patterns[i]));
		fill(buf, n, patterns[i]);
		const folio_citation *c = big_parse(doc, buf, n);
		assert_int_equal(strlen(folio_citation_get(c, FOLIO_CITE_TEXT)) <= n, 1);
		folio_doc_free(doc);
	}
	free(buf);
}

static void test_big_author_list_is_read(void **state)
{
	(void)state;
	char *buf = malloc(BIG);
	assert_non_null(buf);
	const char *unit = "Smith J, ";
	size_t n = BIG - (BIG % strlen(unit));
	fill(buf, n, unit);
	folio_doc *doc = folio_doc_new();
	const folio_citation *c = big_parse(doc, buf, n);
	/* every repetition is one person */
	assert_int_equal(folio_citation_author_count(c), n / strlen(unit));
	assert_string_equal(folio_citation_author(c, 0), "Smith J");
	assert_null(folio_citation_get(c, FOLIO_CITE_TITLE));
	folio_doc_free(doc);
	free(buf);
}

/* A small deterministic generator (xorshift) for reproducible garbage. */
static uint32_t next_random(uint32_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 17;
	*s ^= *s << 5;
	return *s;
}

/* Appends code point cp as UTF-8; returns the bytes written. */
static size_t put_utf8(char *o, uint32_t cp)
{
	if (cp < 0x80) {
		o[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		o[0] = (char)(0xC0 | (cp >> 6));
		o[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		o[0] = (char)(0xE0 | (cp >> 12));
		o[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		o[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	o[0] = (char)(0xF0 | (cp >> 18));
	o[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
	o[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
	o[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

/* A random valid code point: mostly ASCII, then any plane (no NUL, no
 * surrogates). */
static uint32_t random_code_point(uint32_t *s)
{
	uint32_t r = next_random(s);
	uint32_t cp;
	switch (r % 4) {
	case 0:
	case 1:
		cp = 1 + (r >> 8) % 0x7F;
		break;
	case 2:
		cp = 0x80 + (r >> 8) % (0xD800 - 0x80);
		break;
	default:
		cp = 0xE000 + (r >> 8) % (0x110000 - 0xE000);
		break;
	}
	return cp;
}

static void test_random_utf8(void **state)
{
	(void)state;
	char *buf = malloc(BIG + 4);
	assert_non_null(buf);
	uint32_t seed = 0x2545F491u;
	size_t n = 0;
	while (n < BIG)
		n += put_utf8(buf + n, random_code_point(&seed));
	folio_doc *doc = folio_doc_new();
	assert_true(folio_utf8_valid(buf, n, NULL));
	big_parse(doc, buf, n);
	folio_doc_free(doc);
	free(buf);
}

/* Many short strings from citation-shaped pieces: fields must stay sane. */
static void test_random_citation_pieces(void **state)
{
	(void)state;
	static const char *const pieces[] = {
	    "Smith J",
	    ", ",
	    ". ",
	    "; ",
	    ":",
	    "(",
	    ")",
	    "2019",
	    "(2019)",
	    "10.1000/",
	    "abc",
	    "doi:",
	    "https://x.org/a",
	    "PMID: 123",
	    "et al",
	    "&",
	    " and ",
	    "12",
	    "e227",
	    "'",
	    "\xE2\x80\x9C",
	    "\xE2\x80\x9D",
	    "Jan",
	    " ",
	    "-",
	    "[Internet]",
	    "ed",
	    "Published ",
	    "Dunning, J.",
	    "...",
	    "\xC3\xA9",
	    "Vol",
	    "pp. ",
	    "Article ",
	    "?",
	    "10.",
	    "1234",
	};
	uint32_t seed = 12345;
	char buf[512];
	folio_doc *doc = folio_doc_new();
	for (int round = 0; round < 3000; round++) {
		size_t n = 0;
		int count = 1 + (int)(next_random(&seed) % 40);
		for (int i = 0; i < count; i++) {
			const char *p =
			    pieces[next_random(&seed) % (sizeof(pieces) / sizeof(pieces[0]))];
			size_t k = strlen(p);
			if (n + k >= sizeof(buf))
				break;
			memcpy(buf + n, p, k);
			n += k;
		}
		const folio_citation *c = folio_citation_parse(doc, buf, n, NULL);
		assert_sane(c, n);
		const char *doi = folio_citation_get(c, FOLIO_CITE_DOI);
		if (doi != NULL)
			assert_int_equal(folio_doi_normalize(doi, strlen(doi), NULL, 0), 1);
		if ((round & 255) == 255) { /* keep the arena from growing without end */
			folio_doc_free(doc);
			doc = folio_doc_new();
		}
	}
	folio_doc_free(doc);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_citation_table),
	    cmocka_unit_test(test_text_whitespace_normalised),
	    cmocka_unit_test(test_invalid_utf8_refused),
	    cmocka_unit_test(test_accessors_still_work),
	    cmocka_unit_test(test_doi_normalize),
	    cmocka_unit_test(test_doi_normalize_buffers),
	    cmocka_unit_test(test_doi_with_space_is_no_doi),
	    cmocka_unit_test(test_empty_input),
	    cmocka_unit_test(test_big_repetitive_input),
	    cmocka_unit_test(test_big_author_list_is_read),
	    cmocka_unit_test(test_random_utf8),
	    cmocka_unit_test(test_random_citation_pieces),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
