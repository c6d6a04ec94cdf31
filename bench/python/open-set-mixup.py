# Side check for issue 14 item 4, not the product path: does an explicit Other output trained on mixtures of two
# known classes ("outlier exposure" by mixup) make an expression the head never saw come out as Other more often
# than the shipped rule (Other when no class reaches theta)? Same rounds as FaceBranch.otherThreshold: one FER2013
# class at a time left out of a 256-unit perceptron, FER2013 val scored with its pictures counted as Other; reads
# the rows build-default-model cached in its --work folder (pictures and mirror images, as the rounds do).
# Usage: /usr/bin/python3 bench/python/open-set-mixup.py WORK DATA plain|mix [EPOCHS]   (needs python3-torch)
import numpy as np, torch, os, sys, warnings
warnings.filterwarnings('ignore', 'Mean of empty slice')
torch.set_num_threads(1); torch.manual_seed(0); np.random.seed(0)
W=sys.argv[1]; F=['faceapi-expr','faceapi-expr-tight','faceres','mobilefacenet']
D=sys.argv[2]+'/fer2013'
order={'Neutral':0,'Anger':1,'Disgust':2,'Fear':3,'Happiness':4,'Sadness':5,'Surprise':6}
def labels(split):
    y=[]
    for c in sorted(os.listdir(f'{D}/{split}')):
        y+= [order[c]]*len(os.listdir(f'{D}/{split}/{c}'))
    return np.array(y)
def view(name):
    X=np.concatenate([np.load(f'{W}/{f}/fer2013-{name}.npy') for f in F],1)
    m=np.load(f'{W}/faceres/fer2013-{name}.mask.npy')
    return X,m
ytr=labels('train'); yva=labels('val')
Xs=[];Ys=[]
for v in ['train','train-mirror']:
    X,m=view(v); Xs.append(X[m]); Ys.append(ytr[m])
Xtr=np.concatenate(Xs); Ytr=np.concatenate(Ys)
Xva,mva=view('val'); Xvm,mvm=view('val-mirror')
mu=Xtr.mean(0); sd=Xtr.std(0)+1e-6
def z(X): return torch.tensor((X-mu)/sd,dtype=torch.float32)
Ztr=z(Xtr); Zva=z(Xva); Zvm=z(Xvm)
MODE=sys.argv[3]; EPOCHS=int(sys.argv[4]) if len(sys.argv)>4 else 10
def train(keep, other):
    # keep: known classes; outputs = len(keep) (+1 Other)
    idx=np.isin(Ytr,keep); X=Ztr[idx]; y=torch.tensor([keep.index(c) for c in Ytr[idx]])
    k=len(keep)+(1 if other else 0)
    net=torch.nn.Sequential(torch.nn.Linear(X.shape[1],256),torch.nn.ReLU(),torch.nn.Dropout(0.5),torch.nn.Linear(256,k))
    opt=torch.optim.Adam(net.parameters(),1e-3,weight_decay=1e-4)
    n=len(y)
    for e in range(EPOCHS):
        perm=torch.randperm(n)
        for b in range(0,n,128):
            i=perm[b:b+128]; xb=X[i]; yb=y[i]
            if other:
                # mix each row with a row of another class; the mixture is labelled Other
                j=torch.randint(0,n,(len(i),)); diff=y[j]!=yb
                lam=torch.empty(len(i),1).uniform_(0.35,0.65)
                xm=(lam*xb+(1-lam)*X[j])[diff]
                xb=torch.cat([xb,xm]); yb=torch.cat([yb,torch.full((len(xm),),k-1)])
            loss=torch.nn.functional.cross_entropy(net(xb),yb)
            opt.zero_grad(); loss.backward(); opt.step()
    net.eval(); return net
def probs(net,Z,m):
    with torch.no_grad(): p=torch.softmax(net(Z),1).numpy()
    p[~m]=np.nan; return p
res=[]
for r in range(7):
    keep=[c for c in range(7) if c!=r]
    net=train(keep, MODE=='mix')
    p=np.nanmean(np.stack([probs(net,Zva,mva),probs(net,Zvm,mvm)]),0)
    ok=mva|mvm; res.append((r,keep,p[ok],yva[ok]))
def evaluate(theta):
    fo=[];uo=[];um=[];f1s=[]
    for r,keep,p,y in res:
        k=len(keep)
        if MODE=='mix':
            pred=np.where(p.argmax(1)==k,7,np.array(keep)[np.minimum(p[:,:k].argmax(1),k-1)])
            if theta>0:  # also the threshold rule on top (renormalise over known)
                q=p[:,:k]/p[:,:k].sum(1,keepdims=True); pred=np.where(q.max(1)<theta,7,pred)
        else:
            pred=np.array(keep)[p.argmax(1)]; pred=np.where(p.max(1)<theta,7,pred)
        gold=np.where(y==r,7,y); unk=y==r
        fo.append((pred[~unk]==7).mean()); uo.append((pred[unk]==7).mean())
        um.append(np.bincount(pred[unk][pred[unk]!=7],minlength=8).max()/unk.sum())
        f=[]
        for c in keep+[7]:
            tp=((pred==c)&(gold==c)).sum(); fp=((pred==c)&(gold!=c)).sum(); fn=((pred!=c)&(gold==c)).sum()
            f.append(2*tp/max(1,2*tp+fp+fn))
        f1s.append(np.mean(f))
    return np.mean(fo),np.mean(uo),np.mean(um),np.mean(f1s)
for th in [0,0.3,0.35,0.4,0.45,0.5,0.55,0.6,0.65]:
    fo,uo,um,f1=evaluate(th)
    print(f'{MODE} theta {th:.2f}: known->Other {100*fo:.1f}%  unknown->Other {100*uo:.1f}%  unknown->top class {100*um:.1f}%  meanF1 {f1:.3f}',flush=True)
