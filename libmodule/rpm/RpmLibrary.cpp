// Generated from the headers of librpm.so.9: do not edit; regenerate (a new function called)
// with: scripts/lazy-stubs libmodule/rpm/RpmLibrary.cpp librpm.so.9 librpm9 libmodule/rpm/librpm.symbols '<rpm/argv.h>' '<rpm/header.h>' '<rpm/rpmcrypto.h>' '<rpm/rpmdb.h>' '<rpm/rpmds.h>' '<rpm/rpmfi.h>' '<rpm/rpmfiles.h>' '<rpm/rpmio.h>' '<rpm/rpmkeyring.h>' '<rpm/rpmlib.h>' '<rpm/rpmlog.h>' '<rpm/rpmmacro.h>' '<rpm/rpmpgp.h>' '<rpm/rpmps.h>' '<rpm/rpmstrpool.h>' '<rpm/rpmtag.h>' '<rpm/rpmte.h>' '<rpm/rpmts.h>' '"libmodule/rpm/RpmLua.hpp"' -I . --before-load '"libmodule/rpm/SqliteSetup.hpp"' 'mpm::rpm::configureSqlite'
// Each function of librpm.so.9 that mpm calls, standing in for it: the library is loaded
// (dlopen) when the first one is called, so runs that call none never map it and the
// libraries it needs.
#include <rpm/argv.h>
#include <rpm/header.h>
#include <rpm/rpmcrypto.h>
#include <rpm/rpmdb.h>
#include <rpm/rpmds.h>
#include <rpm/rpmfi.h>
#include <rpm/rpmfiles.h>
#include <rpm/rpmio.h>
#include <rpm/rpmkeyring.h>
#include <rpm/rpmlib.h>
#include <rpm/rpmlog.h>
#include <rpm/rpmmacro.h>
#include <rpm/rpmpgp.h>
#include <rpm/rpmps.h>
#include <rpm/rpmstrpool.h>
#include <rpm/rpmtag.h>
#include <rpm/rpmte.h>
#include <rpm/rpmts.h>
#include "libmodule/rpm/RpmLua.hpp"

#include "common/SharedLibrary.hpp"
#include "libmodule/rpm/SqliteSetup.hpp"

namespace {

const mpm::SharedLibrary<>& library() {
    static const mpm::SharedLibrary<> loaded = [] {
        mpm::rpm::configureSqlite();
        return mpm::SharedLibrary<>("librpm.so.9", "librpm9");
    }();
    return loaded;
}

}  // namespace

// Not exported: a shared library linked later that calls these functions (librpm calls
// SQLite) must reach the library's own, not go through these.
#pragma GCC visibility push(hidden)
extern "C" {

int Fclose(FD_t a0) {
    static const auto f = library().function<decltype(&Fclose)>("Fclose");
    return f(a0);
}

int Ferror(FD_t a0) {
    static const auto f = library().function<decltype(&Ferror)>("Ferror");
    return f(a0);
}

FD_t Fopen(const char * a0, const char * a1) {
    static const auto f = library().function<decltype(&Fopen)>("Fopen");
    return f(a0, a1);
}

ssize_t Fread(void * a0, size_t a1, size_t a2, FD_t a3) {
    static const auto f = library().function<decltype(&Fread)>("Fread");
    return f(a0, a1, a2, a3);
}

int argvAdd(ARGV_t * a0, const char * a1) {
    static const auto f = library().function<decltype(&argvAdd)>("argvAdd");
    return f(a0, a1);
}

ARGV_t argvFree(ARGV_t a0) {
    static const auto f = library().function<decltype(&argvFree)>("argvFree");
    return f(a0);
}

int headerDel(Header a0, rpmTagVal a1) {
    static const auto f = library().function<decltype(&headerDel)>("headerDel");
    return f(a0, a1);
}

void * headerExport(Header a0, unsigned int * a1) {
    static const auto f = library().function<decltype(&headerExport)>("headerExport");
    return f(a0, a1);
}

Header headerFree(Header a0) {
    static const auto f = library().function<decltype(&headerFree)>("headerFree");
    return f(a0);
}

int headerGet(Header a0, rpmTagVal a1, rpmtd a2, headerGetFlags a3) {
    static const auto f = library().function<decltype(&headerGet)>("headerGet");
    return f(a0, a1, a2, a3);
}

unsigned int headerGetInstance(Header a0) {
    static const auto f = library().function<decltype(&headerGetInstance)>("headerGetInstance");
    return f(a0);
}

uint64_t headerGetNumber(Header a0, rpmTagVal a1) {
    static const auto f = library().function<decltype(&headerGetNumber)>("headerGetNumber");
    return f(a0, a1);
}

const char * headerGetString(Header a0, rpmTagVal a1) {
    static const auto f = library().function<decltype(&headerGetString)>("headerGetString");
    return f(a0, a1);
}

Header headerImport(void * a0, unsigned int a1, headerImportFlags a2) {
    static const auto f = library().function<decltype(&headerImport)>("headerImport");
    return f(a0, a1, a2);
}

int headerIsSource(Header a0) {
    static const auto f = library().function<decltype(&headerIsSource)>("headerIsSource");
    return f(a0);
}

Header headerLink(Header a0) {
    static const auto f = library().function<decltype(&headerLink)>("headerLink");
    return f(a0);
}

Header headerNew() {
    static const auto f = library().function<decltype(&headerNew)>("headerNew");
    return f();
}

int headerPutChar(Header a0, rpmTagVal a1, const char * a2, rpm_count_t a3) {
    static const auto f = library().function<decltype(&headerPutChar)>("headerPutChar");
    return f(a0, a1, a2, a3);
}

int headerPutString(Header a0, rpmTagVal a1, const char * a2) {
    static const auto f = library().function<decltype(&headerPutString)>("headerPutString");
    return f(a0, a1, a2);
}

int headerPutStringArray(Header a0, rpmTagVal a1, const char ** a2, rpm_count_t a3) {
    static const auto f = library().function<decltype(&headerPutStringArray)>("headerPutStringArray");
    return f(a0, a1, a2, a3);
}

int headerPutUint16(Header a0, rpmTagVal a1, const uint16_t * a2, rpm_count_t a3) {
    static const auto f = library().function<decltype(&headerPutUint16)>("headerPutUint16");
    return f(a0, a1, a2, a3);
}

int headerPutUint32(Header a0, rpmTagVal a1, const uint32_t * a2, rpm_count_t a3) {
    static const auto f = library().function<decltype(&headerPutUint32)>("headerPutUint32");
    return f(a0, a1, a2, a3);
}

int headerPutUint64(Header a0, rpmTagVal a1, const uint64_t * a2, rpm_count_t a3) {
    static const auto f = library().function<decltype(&headerPutUint64)>("headerPutUint64");
    return f(a0, a1, a2, a3);
}

pgpDigParams pgpDigParamsFree(pgpDigParams a0) {
    static const auto f = library().function<decltype(&pgpDigParamsFree)>("pgpDigParamsFree");
    return f(a0);
}

const uint8_t * pgpDigParamsSignID(pgpDigParams a0) {
    static const auto f = library().function<decltype(&pgpDigParamsSignID)>("pgpDigParamsSignID");
    return f(a0);
}

const char * pgpDigParamsUserID(pgpDigParams a0) {
    static const auto f = library().function<decltype(&pgpDigParamsUserID)>("pgpDigParamsUserID");
    return f(a0);
}

pgpArmor pgpParsePkts(const char * a0, uint8_t ** a1, size_t * a2) {
    static const auto f = library().function<decltype(&pgpParsePkts)>("pgpParsePkts");
    return f(a0, a1, a2);
}

int pgpPrtParams(const uint8_t * a0, size_t a1, unsigned int a2, pgpDigParams * a3) {
    static const auto f = library().function<decltype(&pgpPrtParams)>("pgpPrtParams");
    return f(a0, a1, a2, a3);
}

int pgpPubkeyFingerprint(const uint8_t * a0, size_t a1, uint8_t ** a2, size_t * a3) {
    static const auto f = library().function<decltype(&pgpPubkeyFingerprint)>("pgpPubkeyFingerprint");
    return f(a0, a1, a2, a3);
}

int pgpPubkeyKeyID(const uint8_t * a0, size_t a1, uint8_t * a2) {
    static const auto f = library().function<decltype(&pgpPubkeyKeyID)>("pgpPubkeyKeyID");
    return f(a0, a1, a2);
}

int rpmDigestFinal(DIGEST_CTX a0, void ** a1, size_t * a2, int a3) {
    static const auto f = library().function<decltype(&rpmDigestFinal)>("rpmDigestFinal");
    return f(a0, a1, a2, a3);
}

DIGEST_CTX rpmDigestInit(int a0, rpmDigestFlags a1) {
    static const auto f = library().function<decltype(&rpmDigestInit)>("rpmDigestInit");
    return f(a0, a1);
}

int rpmDigestUpdate(DIGEST_CTX a0, const void * a1, size_t a2) {
    static const auto f = library().function<decltype(&rpmDigestUpdate)>("rpmDigestUpdate");
    return f(a0, a1, a2);
}

rpmPubkey * rpmGetSubkeys(rpmPubkey a0, int * a1) {
    static const auto f = library().function<decltype(&rpmGetSubkeys)>("rpmGetSubkeys");
    return f(a0, a1);
}

int rpmKeyringAddKey(rpmKeyring a0, rpmPubkey a1) {
    static const auto f = library().function<decltype(&rpmKeyringAddKey)>("rpmKeyringAddKey");
    return f(a0, a1);
}

rpmKeyring rpmKeyringFree(rpmKeyring a0) {
    static const auto f = library().function<decltype(&rpmKeyringFree)>("rpmKeyringFree");
    return f(a0);
}

rpmKeyring rpmKeyringNew() {
    static const auto f = library().function<decltype(&rpmKeyringNew)>("rpmKeyringNew");
    return f();
}

char * rpmProblemString(rpmProblem a0) {
    static const auto f = library().function<decltype(&rpmProblemString)>("rpmProblemString");
    return f(a0);
}

rpmPubkey rpmPubkeyFree(rpmPubkey a0) {
    static const auto f = library().function<decltype(&rpmPubkeyFree)>("rpmPubkeyFree");
    return f(a0);
}

rpmPubkey rpmPubkeyNew(const uint8_t * a0, size_t a1) {
    static const auto f = library().function<decltype(&rpmPubkeyNew)>("rpmPubkeyNew");
    return f(a0, a1);
}

int rpmPushMacro(rpmMacroContext a0, const char * a1, const char * a2, const char * a3, int a4) {
    static const auto f = library().function<decltype(&rpmPushMacro)>("rpmPushMacro");
    return f(a0, a1, a2, a3, a4);
}

int rpmReadConfigFiles(const char * a0, const char * a1) {
    static const auto f = library().function<decltype(&rpmReadConfigFiles)>("rpmReadConfigFiles");
    return f(a0, a1);
}

rpmRC rpmReadPackageFile(rpmts a0, FD_t a1, const char * a2, Header * a3) {
    static const auto f = library().function<decltype(&rpmReadPackageFile)>("rpmReadPackageFile");
    return f(a0, a1, a2, a3);
}

int rpmdbCtrl(rpmdb a0, rpmdbCtrlOp a1) {
    static const auto f = library().function<decltype(&rpmdbCtrl)>("rpmdbCtrl");
    return f(a0, a1);
}

rpmdbMatchIterator rpmdbFreeIterator(rpmdbMatchIterator a0) {
    static const auto f = library().function<decltype(&rpmdbFreeIterator)>("rpmdbFreeIterator");
    return f(a0);
}

unsigned int rpmdbGetIteratorOffset(rpmdbMatchIterator a0) {
    static const auto f = library().function<decltype(&rpmdbGetIteratorOffset)>("rpmdbGetIteratorOffset");
    return f(a0);
}

rpmdbIndexIterator rpmdbIndexIteratorFree(rpmdbIndexIterator a0) {
    static const auto f = library().function<decltype(&rpmdbIndexIteratorFree)>("rpmdbIndexIteratorFree");
    return f(a0);
}

rpmdbIndexIterator rpmdbIndexIteratorInit(rpmdb a0, rpmDbiTag a1) {
    static const auto f = library().function<decltype(&rpmdbIndexIteratorInit)>("rpmdbIndexIteratorInit");
    return f(a0, a1);
}

int rpmdbIndexIteratorNext(rpmdbIndexIterator a0, const void ** a1, size_t * a2) {
    static const auto f = library().function<decltype(&rpmdbIndexIteratorNext)>("rpmdbIndexIteratorNext");
    return f(a0, a1, a2);
}

unsigned int rpmdbIndexIteratorNumPkgs(rpmdbIndexIterator a0) {
    static const auto f = library().function<decltype(&rpmdbIndexIteratorNumPkgs)>("rpmdbIndexIteratorNumPkgs");
    return f(a0);
}

unsigned int rpmdbIndexIteratorPkgOffset(rpmdbIndexIterator a0, unsigned int a1) {
    static const auto f = library().function<decltype(&rpmdbIndexIteratorPkgOffset)>("rpmdbIndexIteratorPkgOffset");
    return f(a0, a1);
}

Header rpmdbNextIterator(rpmdbMatchIterator a0) {
    static const auto f = library().function<decltype(&rpmdbNextIterator)>("rpmdbNextIterator");
    return f(a0);
}

int rpmdsCompare(const rpmds a0, const rpmds a1) {
    static const auto f = library().function<decltype(&rpmdsCompare)>("rpmdsCompare");
    return f(a0, a1);
}

const char * rpmdsEVR(const rpmds a0) {
    static const auto f = library().function<decltype(&rpmdsEVR)>("rpmdsEVR");
    return f(a0);
}

rpmsenseFlags rpmdsFlags(const rpmds a0) {
    static const auto f = library().function<decltype(&rpmdsFlags)>("rpmdsFlags");
    return f(a0);
}

rpmds rpmdsFree(rpmds a0) {
    static const auto f = library().function<decltype(&rpmdsFree)>("rpmdsFree");
    return f(a0);
}

const char * rpmdsN(const rpmds a0) {
    static const auto f = library().function<decltype(&rpmdsN)>("rpmdsN");
    return f(a0);
}

rpmds rpmdsNewPool(rpmstrPool a0, Header a1, rpmTagVal a2, int a3) {
    static const auto f = library().function<decltype(&rpmdsNewPool)>("rpmdsNewPool");
    return f(a0, a1, a2, a3);
}

int rpmdsNext(rpmds a0) {
    static const auto f = library().function<decltype(&rpmdsNext)>("rpmdsNext");
    return f(a0);
}

rpmds rpmdsSingle(rpmTagVal a0, const char * a1, const char * a2, rpmsenseFlags a3) {
    static const auto f = library().function<decltype(&rpmdsSingle)>("rpmdsSingle");
    return f(a0, a1, a2, a3);
}

const char * rpmfiFCaps(rpmfi a0) {
    static const auto f = library().function<decltype(&rpmfiFCaps)>("rpmfiFCaps");
    return f(a0);
}

char * rpmfiFDigestHex(rpmfi a0, int * a1) {
    static const auto f = library().function<decltype(&rpmfiFDigestHex)>("rpmfiFDigestHex");
    return f(a0, a1);
}

rpmfileAttrs rpmfiFFlags(rpmfi a0) {
    static const auto f = library().function<decltype(&rpmfiFFlags)>("rpmfiFFlags");
    return f(a0);
}

const char * rpmfiFGroup(rpmfi a0) {
    static const auto f = library().function<decltype(&rpmfiFGroup)>("rpmfiFGroup");
    return f(a0);
}

const char * rpmfiFLangs(rpmfi a0) {
    static const auto f = library().function<decltype(&rpmfiFLangs)>("rpmfiFLangs");
    return f(a0);
}

const char * rpmfiFLink(rpmfi a0) {
    static const auto f = library().function<decltype(&rpmfiFLink)>("rpmfiFLink");
    return f(a0);
}

rpm_mode_t rpmfiFMode(rpmfi a0) {
    static const auto f = library().function<decltype(&rpmfiFMode)>("rpmfiFMode");
    return f(a0);
}

rpm_time_t rpmfiFMtime(rpmfi a0) {
    static const auto f = library().function<decltype(&rpmfiFMtime)>("rpmfiFMtime");
    return f(a0);
}

rpmfileState rpmfiFState(rpmfi a0) {
    static const auto f = library().function<decltype(&rpmfiFState)>("rpmfiFState");
    return f(a0);
}

const char * rpmfiFN(rpmfi a0) {
    static const auto f = library().function<decltype(&rpmfiFN)>("rpmfiFN");
    return f(a0);
}

rpm_loff_t rpmfiFSize(rpmfi a0) {
    static const auto f = library().function<decltype(&rpmfiFSize)>("rpmfiFSize");
    return f(a0);
}

const char * rpmfiFUser(rpmfi a0) {
    static const auto f = library().function<decltype(&rpmfiFUser)>("rpmfiFUser");
    return f(a0);
}

rpmfi rpmfiFree(rpmfi a0) {
    static const auto f = library().function<decltype(&rpmfiFree)>("rpmfiFree");
    return f(a0);
}

int rpmfiNext(rpmfi a0) {
    static const auto f = library().function<decltype(&rpmfiNext)>("rpmfiNext");
    return f(a0);
}

rpm_count_t rpmfilesFC(rpmfiles a0) {
    static const auto f = library().function<decltype(&rpmfilesFC)>("rpmfilesFC");
    return f(a0);
}

char * rpmfilesFN(rpmfiles a0, int a1) {
    static const auto f = library().function<decltype(&rpmfilesFN)>("rpmfilesFN");
    return f(a0, a1);
}

rpmfiles rpmfilesFree(rpmfiles a0) {
    static const auto f = library().function<decltype(&rpmfilesFree)>("rpmfilesFree");
    return f(a0);
}

rpmfi rpmfilesIter(rpmfiles a0, int a1) {
    static const auto f = library().function<decltype(&rpmfilesIter)>("rpmfilesIter");
    return f(a0, a1);
}

rpmfiles rpmfilesNew(rpmstrPool a0, Header a1, rpmTagVal a2, rpmfiFlags a3) {
    static const auto f = library().function<decltype(&rpmfilesNew)>("rpmfilesNew");
    return f(a0, a1, a2, a3);
}

const char * rpmlogRecMessage(rpmlogRec a0) {
    static const auto f = library().function<decltype(&rpmlogRecMessage)>("rpmlogRecMessage");
    return f(a0);
}

rpmlogLvl rpmlogRecPriority(rpmlogRec a0) {
    static const auto f = library().function<decltype(&rpmlogRecPriority)>("rpmlogRecPriority");
    return f(a0);
}

rpmlogCallback rpmlogSetCallback(rpmlogCallback a0, rpmlogCallbackData a1) {
    static const auto f = library().function<decltype(&rpmlogSetCallback)>("rpmlogSetCallback");
    return f(a0, a1);
}

int rpmlogSetMask(int a0) {
    static const auto f = library().function<decltype(&rpmlogSetMask)>("rpmlogSetMask");
    return f(a0);
}

rpmlua rpmluaGetGlobalState() {
    static const auto f = library().function<decltype(&rpmluaGetGlobalState)>("rpmluaGetGlobalState");
    return f();
}

int rpmluaRunScript(rpmlua a0, const char * a1, const char * a2, const char * a3, ARGV_t a4) {
    static const auto f = library().function<decltype(&rpmluaRunScript)>("rpmluaRunScript");
    return f(a0, a1, a2, a3, a4);
}

rpmps rpmpsFree(rpmps a0) {
    static const auto f = library().function<decltype(&rpmpsFree)>("rpmpsFree");
    return f(a0);
}

rpmpsi rpmpsFreeIterator(rpmpsi a0) {
    static const auto f = library().function<decltype(&rpmpsFreeIterator)>("rpmpsFreeIterator");
    return f(a0);
}

rpmpsi rpmpsInitIterator(rpmps a0) {
    static const auto f = library().function<decltype(&rpmpsInitIterator)>("rpmpsInitIterator");
    return f(a0);
}

rpmProblem rpmpsiNext(rpmpsi a0) {
    static const auto f = library().function<decltype(&rpmpsiNext)>("rpmpsiNext");
    return f(a0);
}

rpmstrPool rpmstrPoolCreate() {
    static const auto f = library().function<decltype(&rpmstrPoolCreate)>("rpmstrPoolCreate");
    return f();
}

void rpmtdFreeData(rpmtd a0) {
    static const auto f = library().function<decltype(&rpmtdFreeData)>("rpmtdFreeData");
    return f(a0);
}

const char * rpmtdNextString(rpmtd a0) {
    static const auto f = library().function<decltype(&rpmtdNextString)>("rpmtdNextString");
    return f(a0);
}

void rpmteSetUserdata(rpmte a0, void * a1) {
    static const auto f = library().function<decltype(&rpmteSetUserdata)>("rpmteSetUserdata");
    return f(a0, a1);
}

void * rpmteUserdata(rpmte a0) {
    static const auto f = library().function<decltype(&rpmteUserdata)>("rpmteUserdata");
    return f(a0);
}

int rpmtsAddEraseElement(rpmts a0, Header a1, int a2) {
    static const auto f = library().function<decltype(&rpmtsAddEraseElement)>("rpmtsAddEraseElement");
    return f(a0, a1, a2);
}

int rpmtsAddInstallElement(rpmts a0, Header a1, const fnpyKey a2, int a3, rpmRelocation * a4) {
    static const auto f = library().function<decltype(&rpmtsAddInstallElement)>("rpmtsAddInstallElement");
    return f(a0, a1, a2, a3, a4);
}

int rpmtsCloseDB(rpmts a0) {
    static const auto f = library().function<decltype(&rpmtsCloseDB)>("rpmtsCloseDB");
    return f(a0);
}

rpmts rpmtsCreate() {
    static const auto f = library().function<decltype(&rpmtsCreate)>("rpmtsCreate");
    return f();
}

rpmte rpmtsElement(rpmts a0, int a1) {
    static const auto f = library().function<decltype(&rpmtsElement)>("rpmtsElement");
    return f(a0, a1);
}

void rpmtsEmpty(rpmts a0) {
    static const auto f = library().function<decltype(&rpmtsEmpty)>("rpmtsEmpty");
    return f(a0);
}

rpmts rpmtsFree(rpmts a0) {
    static const auto f = library().function<decltype(&rpmtsFree)>("rpmtsFree");
    return f(a0);
}

rpmdb rpmtsGetRdb(rpmts a0) {
    static const auto f = library().function<decltype(&rpmtsGetRdb)>("rpmtsGetRdb");
    return f(a0);
}

rpmRC rpmtsImportHeader(rpmtxn a0, Header a1, rpmFlags a2) {
    static const auto f = library().function<decltype(&rpmtsImportHeader)>("rpmtsImportHeader");
    return f(a0, a1, a2);
}

rpmRC rpmtsImportPubkey(rpmts a0, const unsigned char * a1, size_t a2) {
    static const auto f = library().function<decltype(&rpmtsImportPubkey)>("rpmtsImportPubkey");
    return f(a0, a1, a2);
}

rpmdbMatchIterator rpmtsInitIterator(const rpmts a0, rpmDbiTagVal a1, const void * a2, size_t a3) {
    static const auto f = library().function<decltype(&rpmtsInitIterator)>("rpmtsInitIterator");
    return f(a0, a1, a2, a3);
}

int rpmtsOpenDB(rpmts a0, int a1) {
    static const auto f = library().function<decltype(&rpmtsOpenDB)>("rpmtsOpenDB");
    return f(a0, a1);
}

int rpmtsOrder(rpmts a0) {
    static const auto f = library().function<decltype(&rpmtsOrder)>("rpmtsOrder");
    return f(a0);
}

rpmps rpmtsProblems(rpmts a0) {
    static const auto f = library().function<decltype(&rpmtsProblems)>("rpmtsProblems");
    return f(a0);
}

int rpmtsRun(rpmts a0, rpmps a1, rpmprobFilterFlags a2) {
    static const auto f = library().function<decltype(&rpmtsRun)>("rpmtsRun");
    return f(a0, a1, a2);
}

rpmtransFlags rpmtsSetFlags(rpmts a0, rpmtransFlags a1) {
    static const auto f = library().function<decltype(&rpmtsSetFlags)>("rpmtsSetFlags");
    return f(a0, a1);
}

int rpmtsSetKeyring(rpmts a0, rpmKeyring a1) {
    static const auto f = library().function<decltype(&rpmtsSetKeyring)>("rpmtsSetKeyring");
    return f(a0, a1);
}

int rpmtsSetRootDir(rpmts a0, const char * a1) {
    static const auto f = library().function<decltype(&rpmtsSetRootDir)>("rpmtsSetRootDir");
    return f(a0, a1);
}

rpmVSFlags rpmtsSetVSFlags(rpmts a0, rpmVSFlags a1) {
    static const auto f = library().function<decltype(&rpmtsSetVSFlags)>("rpmtsSetVSFlags");
    return f(a0, a1);
}

rpmtsi rpmtsiFree(rpmtsi a0) {
    static const auto f = library().function<decltype(&rpmtsiFree)>("rpmtsiFree");
    return f(a0);
}

rpmtsi rpmtsiInit(rpmts a0) {
    static const auto f = library().function<decltype(&rpmtsiInit)>("rpmtsiInit");
    return f(a0);
}

rpmte rpmtsiNext(rpmtsi a0, rpmElementTypes a1) {
    static const auto f = library().function<decltype(&rpmtsiNext)>("rpmtsiNext");
    return f(a0, a1);
}

rpmtxn rpmtxnBegin(rpmts a0, rpmtxnFlags a1) {
    static const auto f = library().function<decltype(&rpmtxnBegin)>("rpmtxnBegin");
    return f(a0, a1);
}

rpmtxn rpmtxnEnd(rpmtxn a0) {
    static const auto f = library().function<decltype(&rpmtxnEnd)>("rpmtxnEnd");
    return f(a0);
}

}  // extern "C"
#pragma GCC visibility pop
